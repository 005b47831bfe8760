package dev.parley;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The feature packages form no cycle: each can be read, and changed, without the ones that use it. */
class PackageCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.parley");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.parley.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
