package io.onestore.ingestor.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onestore.model.json.ContractJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where writes wait while Elasticsearch cannot take them: a bounded list in memory that spills, when full or when the
 * service stops, to a segment file under the spool directory. A segment is JSON Lines (one {@link IndexWrite} per
 * line), written once to a {@code .tmp} file, fsync'd, then renamed, so a segment on disk is always complete; it is
 * deleted only after every write in it has been answered. Segments are named by spill time and replayed oldest first,
 * also after a restart. The memory part is lost if the process is killed (as are bulk requests in flight): a graceful
 * shutdown spills it.
 */
final class Spool {

    private static final ObjectMapper JSON = ContractJson.mapper();
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final int bufferWrites;
    private final List<IndexWrite> memory = new ArrayList<>();
    private final TreeMap<String, Segment> segments = new TreeMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Writes ever appended: a caller that saw it unchanged over its own writes knows none of them waits here. */
    private final AtomicLong appended = new AtomicLong();

    /** A spilled file and how many writes it holds. */
    record Segment(Path path, int writes) {}

    Spool(Path dir, int bufferWrites) {
        this.dir = dir;
        this.bufferWrites = bufferWrites;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(SUFFIX)) {
                        segments.put(name, new Segment(file, lineCount(file)));
                    } else if (name.endsWith(".tmp")) {
                        Files.delete(file); // a spill cut short: its writes were still in memory, never confirmed
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool directory " + dir, e);
        }
    }

    synchronized void append(List<IndexWrite> writes) {
        appended.addAndGet(writes.size());
        memory.addAll(writes);
        if (memory.size() >= bufferWrites) {
            spill();
        }
    }

    /** Writes the memory part to a new segment; a no-op when it is empty. */
    synchronized void spill() {
        if (memory.isEmpty()) {
            return;
        }
        String name = "spool-%013d-%06d%s".formatted(System.currentTimeMillis(), sequence.incrementAndGet(), SUFFIX);
        Path tmp = dir.resolve(name + ".tmp");
        Path target = dir.resolve(name);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            BufferedWriter out = new BufferedWriter(
                    new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
            for (IndexWrite write : memory) {
                out.write(JSON.writeValueAsString(write));
                out.write('\n');
            }
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            // The writes stay in memory; the next spill tries again. Losing the disk is not a reason to lose data.
            throw new UncheckedIOException("cannot spill " + memory.size() + " writes to " + tmp, e);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish spool segment " + target, e);
        }
        segments.put(name, new Segment(target, memory.size()));
        memory.clear();
    }

    /** Writes appended since this spool was opened, whether or not they were replayed since. */
    long appended() {
        return appended.get();
    }

    synchronized boolean isEmpty() {
        return memory.isEmpty() && segments.isEmpty();
    }

    /** Writes waiting, in memory and on disk. */
    synchronized int depth() {
        return memory.size()
                + segments.values().stream().mapToInt(Segment::writes).sum();
    }

    synchronized Optional<Segment> oldestSegment() {
        return segments.isEmpty()
                ? Optional.empty()
                : Optional.of(segments.firstEntry().getValue());
    }

    List<IndexWrite> read(Segment segment) {
        try (Stream<String> lines = Files.lines(segment.path(), StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(Spool::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spool segment " + segment.path(), e);
        }
    }

    synchronized void delete(Segment segment) {
        try {
            Files.deleteIfExists(segment.path());
            segments.remove(segment.path().getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete replayed spool segment " + segment.path(), e);
        }
    }

    /** Takes the memory part for replay. */
    synchronized List<IndexWrite> takeMemory() {
        List<IndexWrite> taken = List.copyOf(memory);
        memory.clear();
        return taken;
    }

    private static IndexWrite parse(String line) {
        try {
            return JSON.readValue(line, IndexWrite.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable spool line: " + line, e);
        }
    }

    private static int lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> !line.isBlank()).count();
        }
    }

    private void forceDirectory() {
        // Makes the rename durable; not every file system lets a directory be opened, and then there is nothing to do.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // best effort, see above
        }
    }
}
