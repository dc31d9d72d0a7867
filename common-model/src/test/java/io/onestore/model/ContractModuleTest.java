package io.onestore.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * common-model is the index contract both sides share: plain records and pure functions, so that the query side and
 * the ingestor agree without sharing a framework.
 */
@AnalyzeClasses(packages = "io.onestore.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractModuleTest {

    @ArchTest
    static final ArchRule freeOfSpring = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("the contract is shared by every module and must not pull a framework into them");
}
