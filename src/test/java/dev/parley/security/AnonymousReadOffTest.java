package dev.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.parley.security.OperationMatrix.Credential;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The whole role matrix again with anonymous reads off: then every GET needs a key. */
@QuarkusTest
@TestProfile(AnonymousReadOffTest.AnonymousReadOff.class)
class AnonymousReadOffTest {

    public static class AnonymousReadOff implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("parley.anonymous-read", "false");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGetNeedsAKeyAndEveryOperationItsRole() {
        OperationMatrix matrix = OperationMatrix.load(false);
        List<OperationMatrix.Cell> cells = matrix.cells();
        assertThat(cells).hasSize(matrix.operations().size() * Credential.values().length);
        assertThat(cells).filteredOn(c -> c.operation().method().equals("GET") && c.credential() == Credential.NONE)
                .as("anonymous GETs, each refused with 401")
                .isNotEmpty()
                .noneMatch(matrix::allowed);
        System.out.printf("Role matrix, anonymous read off: %d operations x %d credentials = %d cells%n",
                matrix.operations().size(), Credential.values().length, cells.size());
        return cells.stream().map(cell -> dynamicTest(cell.toString(), () -> matrix.check(cell)));
    }
}
