package io.onestore.query.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;

/**
 * The query-api's layout, pinned: features ({@code campaign}, {@code insight.*}, {@code search}, {@code targets}) read shared parts
 * ({@code request}, {@code post}, {@code web}, {@code coverage}) and never each other; the Elasticsearch client is used by the services
 * and index owners only, requests are built in {@code *Query} classes, controllers never see Elasticsearch.
 */
@AnalyzeClasses(packages = "io.onestore.query", importOptions = ImportOption.DoNotIncludeTests.class)
class LayoutTest {

    private static final String[] FEATURES = {
        "..query.campaign..", "..query.insight..", "..query.search..", "..query.targets.."
    };

    @ArchTest
    static final ArchRule elasticsearchClientOnlyInServicesAndIndexOwners = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Service")
            .and()
            .doNotHaveSimpleName("TargetStore")
            .and()
            .resideOutsideOfPackage("..query.config..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(ElasticsearchClient.class)
            .because("one client class per external system: services (and the target store) own the round trips");

    @ArchTest
    static final ArchRule searchRequestsAreBuiltInQueryClasses = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Query")
            .should()
            .callMethod(SearchRequest.class, "of", Function.class)
            .orShould()
            .callMethod(ElasticsearchClient.class, "search", Function.class, Class.class)
            .because("Elasticsearch searches are built in *Query classes (one per insight), services orchestrate");

    @ArchTest
    static final ArchRule controllersNeverTouchElasticsearch = noClasses()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("co.elastic.clients..");

    @ArchTest
    static final ArchRule sharedPartsDoNotDependOnFeatures = noClasses()
            .that()
            .resideInAnyPackage(
                    "..query.web..", "..query.security..", "..query.request..", "..query.post..", "..query.coverage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures =
            slices().matching("io.onestore.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresDoNotReadEachOther =
            slices().matching("io.onestore.query.insight.(*)..").should().notDependOnEachOther();

    @ArchTest
    static final ArchRule insightAndSearchDoNotReadCampaigns = noClasses()
            .that()
            .resideInAnyPackage("..query.insight..", "..query.search..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..query.campaign..");

    @ArchTest
    static final ArchRule controllersLiveInFeatures =
            classes().that().haveSimpleNameEndingWith("Controller").should().resideInAnyPackage(FEATURES);
}
