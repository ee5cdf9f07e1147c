package io.github.requesttracking.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.requesttracking.event.BodyEncoding;
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

/**
 * Publisher-thread cost per event of a batch of 1,000 typical events: encoding them as
 * one JSON array with the real codec, and compressing that array as the publisher does.
 * Scores are per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PublisherEncodingBenchmark {

	private static final int BATCH = 1000;

	private final RequestEventCodec codec = new RequestEventCodec();

	private List<RequestEvent> events;

	private byte[] json;

	@Setup(Level.Trial)
	public void setUp() {
		this.events = new ArrayList<>(BATCH);
		for (int i = 0; i < BATCH; i++) {
			this.events.add(new RequestEvent(RequestEvent.CURRENT_SCHEMA_VERSION, UUID.randomUUID(), Instant.now(),
					"note-management", "GET", "/api/notes/" + i, "/api/notes/{id}", Map.of("page", List.of("2")),
					"81.2.69.0",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
					"https://example.org/notes", null, "user-" + (i % 100), 200, 12.5 + i / 7.0, 1.0));
		}
		this.json = this.codec.encode(this.events);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] encode() {
		return this.codec.encode(this.events);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public byte[] gzip() {
		return BodyEncoding.gzip(this.json);
	}

}
