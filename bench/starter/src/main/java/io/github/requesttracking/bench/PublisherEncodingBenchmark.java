package io.github.requesttracking.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import io.github.requesttracking.event.BodyEncoding.GzipCompressor;
import io.github.requesttracking.event.EventJsonWriter;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publisher-thread cost per event of a batch of 1,000 typical events. {@code write}:
 * encoding them as one JSON array into the publisher's reused {@link EventJsonWriter};
 * {@code encode}: the same through {@link RequestEventCodec}, which starts a new buffer
 * each time; {@code jackson}: the same JSON written field by field with a Jackson
 * generator, as the codec did before it had its own writer; {@code gzip}: compressing the
 * array with the publisher's reused compressor; {@code gzipStream}: with a new
 * {@link GZIPOutputStream} at the same level, as before. Scores are per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PublisherEncodingBenchmark {

	private static final int BATCH = 1000;

	private final RequestEventCodec codec = new RequestEventCodec();

	private final EventJsonWriter writer = new EventJsonWriter(64 * 1024);

	private final GzipCompressor compressor = new GzipCompressor();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private List<RequestEvent> events;

	private byte[] json;

	@Setup(Level.Trial)
	public void setUp() {
		this.events = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			this.events.add(new RequestEvent(RequestEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), Instant.now(),
					"note-management", "GET", "/api/notes/" + i, "/api/notes/{id}", Map.of("page", List.of("2")),
					"81.2.69.0",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
							+ "Chrome/126.0 Safari/537.36",
					"https://example.org/notes", null, "user-" + (i % 100), 200,
					// A duration measured in nanoseconds, as the filter records it.
					(12_500_000 + i * 7_919) / 1_000_000.0, 1.0));
		}
		this.json = this.codec.encode(this.events);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] encode() {
		return this.codec.encode(this.events);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.compressor.close();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public int write() {
		return this.writer.reset().writeArray(this.events).length();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] jackson() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512 * BATCH);
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartArray();
			for (RequestEvent event : this.events) {
				writeWithJackson(generator, event);
			}
			generator.writeEndArray();
		}
		return out.toByteArray();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] gzip() {
		return this.compressor.compress(this.json, 0, this.json.length);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] gzipStream() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(this.json.length / 4);
		try (GZIPOutputStream out = new FastGzipOutputStream(bytes)) {
			out.write(this.json);
		}
		return bytes.toByteArray();
	}

	private static void writeWithJackson(JsonGenerator generator, RequestEvent event) {
		generator.writeStartObject();
		generator.writeNumberProperty("schema_version", event.schemaVersion());
		generator.writeStringProperty("event_id", event.eventId().toString());
		generator.writeStringProperty("timestamp", event.timestamp().toString());
		generator.writeStringProperty("service", event.service());
		generator.writeStringProperty("method", event.method());
		generator.writeStringProperty("path", event.path());
		generator.writeStringProperty("route", event.route());
		generator.writeName("query_params");
		generator.writeStartObject();
		for (Map.Entry<String, List<String>> parameter : event.queryParams().entrySet()) {
			generator.writeName(parameter.getKey());
			generator.writeStartArray();
			for (String value : parameter.getValue()) {
				generator.writeString(value);
			}
			generator.writeEndArray();
		}
		generator.writeEndObject();
		generator.writeStringProperty("client_ip", event.clientIp());
		generator.writeStringProperty("user_agent", event.userAgent());
		generator.writeStringProperty("referer", event.referer());
		generator.writeStringProperty("origin", event.origin());
		generator.writeStringProperty("user_id", event.userId());
		generator.writeNumberProperty("status_code", event.statusCode());
		generator.writeNumberProperty("duration_ms", event.durationMs());
		generator.writeNumberProperty("sample_rate", event.sampleRate());
		generator.writeEndObject();
	}

	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(ByteArrayOutputStream out) throws IOException {
			super(out, 8192);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
