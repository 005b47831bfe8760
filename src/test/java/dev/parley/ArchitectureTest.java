package dev.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** How the packages stand to each other, checked on the compiled main classes. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.parley");

    /** Each feature package can be read, and changed, without the ones that use it. */
    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.parley.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** A feature's queries are its own: other packages go through its service. */
    @Test
    void repositoriesArePackagePrivate() {
        classes().that().haveSimpleNameEndingWith("Repository").should().notHaveModifier(JavaModifier.PUBLIC)
                .check(MAIN);
    }
}
