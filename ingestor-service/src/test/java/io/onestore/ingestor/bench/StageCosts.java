package io.onestore.ingestor.bench;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.NdJsonpSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.ingestor.capture.CaptureBatch;
import io.onestore.ingestor.index.IndexStages;
import io.onestore.ingestor.index.IndexWrite;
import io.onestore.ingestor.normalize.WebTagNormalizer;
import io.onestore.ingestor.source.instagram.web.WebTagInfo;
import io.onestore.ingestor.targets.Target;
import io.onestore.model.index.IndexNames;
import io.onestore.model.json.ContractJson;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Our side's CPU per document, stage by stage, over the same pages as the timed rounds but without Elasticsearch:
 * parse ({@link WebTagInfo}), normalise ({@link WebTagNormalizer}, sentiment included), documents to trees (the
 * indexer's capture writes), merge (with the remembered post, and remembering it), and serialising the bulk operations
 * to the NDJSON lines the client sends, the way the Elasticsearch client's transport does. Thread CPU of one thread,
 * a first capture then a recapture; what the real run's JVM spends beyond their sum is the HTTP client, the bulk
 * ingester's bookkeeping, reading the answers, collections and compilation.
 */
final class StageCosts {

    static final List<String> STAGES = List.of("parse", "normalise", "to trees", "merge", "serialise");

    private static final ObjectMapper JSON = ContractJson.mapper();

    private final WebTagNormalizer normalizer;
    private final JsonpMapper mapper;

    StageCosts(WebTagNormalizer normalizer, JsonpMapper mapper) {
        this.normalizer = normalizer;
        this.mapper = mapper;
    }

    /** µs of thread CPU per document for each of {@link #STAGES}, first capture then recapture. */
    record Breakdown(double[] first, double[] again, long documents) {}

    Breakdown measure(List<byte[]> pages, Instant first, Instant again, Duration bucket, int posts) throws IOException {
        IndexStages stages = new IndexStages(bucket, new IndexNames("bench-stages-"), posts);
        double[] firstCpu = new double[STAGES.size()];
        double[] againCpu = new double[STAGES.size()];
        long documents = pass(stages, pages, first, firstCpu);
        pass(stages, pages, again, againCpu);
        for (int i = 0; i < firstCpu.length; i++) {
            firstCpu[i] = firstCpu[i] * 1e6 / documents;
            againCpu[i] = againCpu[i] * 1e6 / documents;
        }
        return new Breakdown(firstCpu, againCpu, documents);
    }

    private long pass(IndexStages stages, List<byte[]> pages, Instant at, double[] cpu) throws IOException {
        long documents = 0;
        long bytes = 0;
        for (int page = 0; page < pages.size(); page++) {
            double t0 = CpuMeter.threadCpu();
            WebTagInfo info = WebTagInfo.from(JSON.readTree(pages.get(page)));
            double t1 = CpuMeter.threadCpu();
            CaptureBatch batch = normalizer.normalize(Target.hashtag(SimulatedTagPages.tag(page)), info, at);
            double t2 = CpuMeter.threadCpu();
            List<IndexWrite> writes = stages.writes(batch);
            double t3 = CpuMeter.threadCpu();
            List<BulkOperation> operations = stages.operations(writes);
            double t4 = CpuMeter.threadCpu();
            for (BulkOperation operation : operations) {
                bytes += ndjson(operation);
            }
            double t5 = CpuMeter.threadCpu();
            cpu[0] += t1 - t0;
            cpu[1] += t2 - t1;
            cpu[2] += t3 - t2;
            cpu[3] += t4 - t3;
            cpu[4] += t5 - t4;
            documents += writes.size();
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing serialised");
        }
        return documents;
    }

    /** The operation's lines as the client's transport writes them: the header, then the document, each its own. */
    private int ndjson(NdJsonpSerializable value) {
        int bytes = 0;
        for (Iterator<?> items = value._serializables(); items.hasNext(); ) {
            Object item = items.next();
            if (item instanceof NdJsonpSerializable nested && item != value) {
                bytes += ndjson(nested);
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonGenerator generator = mapper.jsonProvider().createGenerator(out);
            mapper.serialize(item, generator);
            generator.close();
            out.write('\n');
            bytes += out.size();
        }
        return bytes;
    }
}
