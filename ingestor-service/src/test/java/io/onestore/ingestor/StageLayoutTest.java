package io.onestore.ingestor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Arrays;
import java.util.List;

/**
 * The ingestor's folders are its data flow, and this keeps them so: each stage depends only on the stages before it
 * (a stage that must tell an earlier one something does it through a type or interface the earlier one owns), and
 * each external client stays in the stage that owns it. Main code only: tests may reach across stages to wire a rig.
 */
@AnalyzeClasses(packages = "io.onestore.ingestor", importOptions = ImportOption.DoNotIncludeTests.class)
class StageLayoutTest {

    /** In the order data flows; {@code config} is beside them, used by all. */
    static final List<String> STAGES =
            List.of("targets", "account", "source", "capture", "normalize", "index", "enrich", "schedule");

    @ArchTest
    static final ArchRule stagesDependOnlyOnEarlierStages = stageOrder();

    @ArchTest
    static final ArchRule configurationDependsOnNoStage = noClasses()
            .that()
            .resideInAPackage("io.onestore.ingestor.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    STAGES.stream().map(s -> "io.onestore.ingestor." + s + "..").toArray(String[]::new))
            .because("every stage reads configuration, so configuration must not read a stage");

    /**
     * The one HTTP client of the upstream networks lives with the clients; the exchange bean is built there too, from
     * the {@code WebClient.Builder} Spring Boot provides, so {@code config} needs no exception.
     */
    @ArchTest
    static final ArchRule webClientOnlyInSource = noClasses()
            .that()
            .resideOutsideOfPackage("io.onestore.ingestor.source..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework.web.reactive.function.client..")
            .because("sources own the upstream HTTP; the other stages see typed outcomes and payload records");

    /**
     * {@code targets} holds its leases in Elasticsearch; {@code enrich} reads back the authors it chooses from;
     * {@code config} sets the client's JSON mapping.
     */
    @ArchTest
    static final ArchRule elasticsearchClientOnlyInIndexTargetsAndConfig = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "io.onestore.ingestor.index..",
                    "io.onestore.ingestor.targets..",
                    "io.onestore.ingestor.enrich..",
                    "io.onestore.ingestor.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("co.elastic.clients..", "org.elasticsearch.client..")
            .because("only the indexer, the leases and enrichment's read-back talk to Elasticsearch");

    /** The bulk answer listener acts on the writes through a narrow interface, not on the indexer that owns it. */
    @ArchTest
    static final ArchRule bulkAnswersDoNotCallTheIndexer = noClasses()
            .that()
            .haveSimpleName("BulkAnswers")
            .should()
            .dependOnClassesThat()
            .haveSimpleName("BulkIndexer");

    private static ArchRule stageOrder() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String stage : STAGES) {
            layers = layers.layer(stage).definedBy("io.onestore.ingestor." + stage + "..");
        }
        layers = layers.layer("config").definedBy("io.onestore.ingestor.config..");
        for (int i = 0; i < STAGES.size(); i++) {
            String[] later = STAGES.subList(i + 1, STAGES.size()).toArray(String[]::new);
            layers = later.length == 0
                    ? layers.whereLayer(STAGES.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(STAGES.get(i)).mayOnlyBeAccessedByLayers(later);
        }
        return layers.because("stages read " + Arrays.toString(STAGES.toArray()) + " in that order, one way");
    }
}
