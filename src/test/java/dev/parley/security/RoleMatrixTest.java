package dev.parley.security;

import static dev.parley.support.Api.ADMIN_KEY;
import static dev.parley.support.Api.anonymous;
import static dev.parley.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.parley.security.OperationMatrix.Credential;
import dev.parley.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the served document, called with no key and with a reader, analyst and admin
 * key, with anonymous reads as configured by default (on with the embedded database, off with
 * PostgreSQL); {@link AnonymousReadOffTest} repeats it with them off.
 */
@QuarkusTest
class RoleMatrixTest {

    static boolean anonymousRead() {
        return ConfigProvider.getConfig().getValue("parley.anonymous-read", Boolean.class);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryCallerAsItsRoleAllows() {
        boolean anonymousRead = anonymousRead();
        OperationMatrix matrix = OperationMatrix.load(anonymousRead);
        List<OperationMatrix.Cell> cells = matrix.cells();
        assertThat(cells).hasSize(matrix.operations().size() * Credential.values().length);
        System.out.printf("Role matrix, anonymous read %s: %d operations x %d credentials = %d cells%n",
                anonymousRead ? "on" : "off", matrix.operations().size(), Credential.values().length, cells.size());
        return cells.stream().map(cell -> dynamicTest(cell.toString(), () -> matrix.check(cell)));
    }

    /** Idempotency-Key on every POST of the document, so a new one cannot ignore it. */
    @TestFactory
    Stream<DynamicTest> everyPostReplaysItsFirstAnswer() {
        OperationMatrix matrix = OperationMatrix.load(anonymousRead());
        List<OperationMatrix.Operation> posts = matrix.operations().stream().filter(o -> o.method().equals("POST"))
                .toList();
        assertThat(posts).isNotEmpty();
        return posts.stream().map(post -> dynamicTest(post.toString(), () -> matrix.checkReplay(post)));
    }

    /**
     * {@code Accept: application/problem+json} alone never gets 406 where the answer is a problem
     * or empty: every operation of the document, then every DELETE taking effect.
     */
    @TestFactory
    Stream<DynamicTest> problemOnlyCallersGetTheProblemOrTheEmptyAnswer() {
        OperationMatrix matrix = OperationMatrix.load(anonymousRead());
        Stream<DynamicTest> problems = matrix.operations().stream()
                .map(operation -> dynamicTest(operation.toString(), () -> matrix.checkProblemOnly(operation)));
        // Deepest paths first: deleting a demand also deletes its links, whose own DELETE must come before.
        Stream<DynamicTest> deletes = matrix.operations().stream().filter(o -> o.method().equals("DELETE"))
                .sorted(Comparator.comparingInt((OperationMatrix.Operation o) -> o.path().length()).reversed())
                .map(operation -> dynamicTest(operation + " with If-Match",
                        () -> matrix.checkProblemOnlyDelete(operation)));
        return Stream.concat(problems, deletes);
    }

    @Test
    void anonymousReadIsOnByDefaultWithTheEmbeddedDatabaseOnly() {
        Assumptions.assumeTrue(System.getenv("PARLEY_ANONYMOUS_READ") == null, "PARLEY_ANONYMOUS_READ is set");
        assertThat(anonymousRead()).isEqualTo(!TestDatabase.postgres());
        if (!anonymousRead()) {
            anonymous().get("/api/v1/parties").then().statusCode(401);
        } else {
            anonymous().get("/api/v1/parties").then().statusCode(200);
        }
    }

    @Test
    void ruleTableFollowsApiMd() {
        assertThat(OperationMatrix.classify("GET", "/api/v1/parties/{slug}")).contains(Role.READER);
        assertThat(OperationMatrix.classify("GET", "/api/v1/api-keys")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("GET", "/api/v1/api-keys/{id}")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("PUT", "/api/v1/demands/{slug}/positions/{party}")).contains(Role.ANALYST);
        assertThat(OperationMatrix.classify("DELETE", "/api/v1/parties/{slug}")).contains(Role.ANALYST);
        assertThat(OperationMatrix.classify("POST", "/api/v1/import")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("POST", "/api/v1/webhooks")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("GET", "/api/v1/webhooks/{id}/deliveries")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("PATCH", "/api/v1/parties/{slug}/aliases/{alias}")).contains(Role.ADMIN);
        assertThat(OperationMatrix.classify("HEAD", "/api/v1/parties")).isEmpty();
        assertThat(OperationMatrix.classify("GET", "/api/v2/parties")).isEmpty();
    }

    @Test
    void unknownKeyIsUnauthorizedEvenWhereAnonymousMayRead() {
        anonymous().auth().oauth2("parley_no_such_key").get("/api/v1/parties")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
    }

    @Test
    void revokedKeyIsUnauthorized() {
        OperationMatrix.Key key = OperationMatrix.createKey("revoked", Role.ANALYST);
        anonymous().auth().oauth2(key.key()).get("/api/v1/parties").then().statusCode(200);
        api().delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);
        anonymous().auth().oauth2(key.key()).get("/api/v1/parties")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
        anonymous().auth().oauth2(key.key()).contentType("application/json")
                .body(Map.of("slug", "never", "name", "Never", "kind", "STATE"))
                .post("/api/v1/parties")
                .then().statusCode(401);
    }

    @Test
    void otherSchemesThanBearerAreUnauthorized() {
        anonymous().header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + ADMIN_KEY).getBytes()))
                .get("/api/v1/api-keys")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
