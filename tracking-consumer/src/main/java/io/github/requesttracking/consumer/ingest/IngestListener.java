package io.github.requesttracking.consumer.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import io.github.requesttracking.consumer.deadletter.DeadLetterPublisher;
import io.github.requesttracking.consumer.deadletter.DeadLetterReason;
import io.github.requesttracking.consumer.enrichment.Enrichment;
import io.github.requesttracking.consumer.enrichment.EventEnricher;
import io.github.requesttracking.event.BodyEncoding;
import io.github.requesttracking.event.DecodedEvent;
import io.github.requesttracking.event.InvalidEventException;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;

/**
 * Stores a batch of messages in one transaction and acknowledges them after the commit.
 * <ul>
 * <li>Messages that can never be stored (not JSON, unsupported schema version, missing
 * fields, timestamp out of range) are dead-lettered at once; a bad event inside an array
 * is dead-lettered alone and the others are stored.</li>
 * <li>When the batch fails for another reason, each message is stored on its own to find
 * the one at fault: a value the database refuses is dead-lettered, any other failure is
 * retried later through a retry queue.</li>
 * <li>A database outage stores nothing and returns every message of the batch to the
 * queue; the {@link DatabaseCircuit} pauses consumption.</li>
 * </ul>
 */
class IngestListener implements ChannelAwareBatchMessageListener {

	private static final Logger logger = LoggerFactory.getLogger(IngestListener.class);

	private final RequestEventCodec codec;

	private final JsonMapper jsonMapper;

	private final EventEnricher enricher;

	private final EventStore store;

	private final PartitionGuard partitions;

	private final DatabaseCircuit circuit;

	private final DeadLetterPublisher deadLetters;

	private final IngestMetrics metrics;

	private final ConsumerProperties.Validation validation;

	private final Clock clock;

	private final int maxDecompressedBytes;

	private volatile boolean enrichmentFailed;

	IngestListener(RequestEventCodec codec, EventEnricher enricher, EventStore store, PartitionGuard partitions,
			DatabaseCircuit circuit, DeadLetterPublisher deadLetters, IngestMetrics metrics,
			ConsumerProperties.Validation validation, Clock clock) {
		this.codec = codec;
		this.jsonMapper = JsonMapper.builder().build();
		this.enricher = enricher;
		this.store = store;
		this.partitions = partitions;
		this.circuit = circuit;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.validation = validation;
		this.clock = clock;
		this.maxDecompressedBytes = (int) Math.min(Integer.MAX_VALUE - 8, validation.maxDecompressedSize().toBytes());
	}

	// Limitation: decoding, validation and enrichment run on the listener threads before
	// the batch is written, and a thread waits for the commit before it acknowledges and
	// receives more: one instance with two threads stores about 40,000 events/s on two
	// cores it shares with the broker and PostgreSQL; more throughput needs more
	// instances.
	@Override
	public void onMessageBatch(List<Message> messages, Channel channel) {
		List<Delivery> deliveries = new ArrayList<>(messages.size());
		int events = 0;
		for (Message message : messages) {
			Delivery delivery = decode(message);
			deliveries.add(delivery);
			events += delivery.events();
		}
		this.metrics.received(messages.size(), events);
		try {
			storeBatch(deliveries);
			settle(deliveries, channel);
		}
		catch (DatabaseUnavailableException ex) {
			logger.debug("Returning {} messages to the queue: {}", messages.size(), ex.getMessage());
			requeue(deliveries, channel);
		}
		catch (IOException | RuntimeException ex) {
			// Acknowledgements or dead letters could not be sent: the channel is probably
			// gone and the broker redelivers what was not acknowledged.
			logger.warn("Could not settle a batch of {} messages; they will be redelivered", messages.size(), ex);
			requeue(deliveries, channel);
		}
	}

	private void storeBatch(List<Delivery> deliveries) {
		List<EventRow> rows = new ArrayList<>();
		for (Delivery delivery : deliveries) {
			rows.addAll(delivery.rows);
		}
		if (rows.isEmpty()) {
			return;
		}
		try {
			write(rows);
		}
		catch (DatabaseUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.debug("Batch of {} events failed, storing message by message", rows.size(), ex);
			storeOneByOne(deliveries);
		}
	}

	private void storeOneByOne(List<Delivery> deliveries) {
		for (Delivery delivery : deliveries) {
			if (delivery.rows.isEmpty()) {
				continue;
			}
			try {
				write(delivery.rows);
			}
			catch (DatabaseUnavailableException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				storeEventByEvent(delivery, ex);
			}
		}
	}

	private void storeEventByEvent(Delivery delivery, RuntimeException failure) {
		List<EventRow> rows = List.copyOf(delivery.rows);
		if (rows.size() == 1) {
			onEventFailure(delivery, 0, failure);
			return;
		}
		for (int i = 0; i < rows.size(); i++) {
			try {
				write(List.of(rows.get(i)));
			}
			catch (DatabaseUnavailableException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				onEventFailure(delivery, i, ex);
			}
		}
	}

	private void onEventFailure(Delivery delivery, int row, RuntimeException failure) {
		int element = delivery.rowIndexes.get(row);
		if (DatabaseOutages.isDataError(failure)) {
			delivery.reject(element, DeadLetterReason.INVALID_DATA, failure);
		}
		else {
			delivery.retry(element, failure);
		}
	}

	private void write(List<EventRow> rows) {
		this.circuit.call(() -> {
			long start = System.nanoTime();
			this.partitions.ensure(rows);
			int inserted;
			try {
				inserted = this.store.store(rows);
			}
			catch (RuntimeException ex) {
				this.partitions.forget();
				throw ex;
			}
			this.metrics.stored(rows.size(), inserted, System.nanoTime() - start);
			return inserted;
		});
	}

	private void settle(List<Delivery> deliveries, Channel channel) throws IOException {
		for (Delivery delivery : deliveries) {
			for (Rejection rejection : delivery.rejections) {
				this.deadLetters.deadLetter(delivery.message, rejection.body, rejection.reason, rejection.detail,
						rejection.failure, 1);
			}
			for (Rejection retry : delivery.retries) {
				this.deadLetters.retryOrDeadLetter(delivery.message, retry.body, retry.detail, retry.failureOrUnknown(),
						1);
			}
		}
		channel.basicAck(deliveries.get(deliveries.size() - 1).tag(), true);
	}

	private void requeue(List<Delivery> deliveries, Channel channel) {
		try {
			for (Delivery delivery : deliveries) {
				channel.basicNack(delivery.tag(), false, true);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not return messages to the queue; the broker will when the channel closes", ex);
		}
	}

	private Delivery decode(Message received) {
		Message message;
		try {
			message = decompressed(received);
		}
		catch (InvalidEventException ex) {
			// Dead-lettered as received, with its content encoding.
			Delivery delivery = new Delivery(received);
			delivery.rejectWhole(DeadLetterReason.MALFORMED, ex);
			return delivery;
		}
		Delivery delivery = new Delivery(message);
		List<DecodedEvent> decoded;
		try {
			decoded = this.codec.decode(message.getBody());
		}
		catch (InvalidEventException ex) {
			delivery.rejectWhole(reasonOf(ex), ex);
			return delivery;
		}
		Instant now = Instant.now(this.clock);
		for (int i = 0; i < decoded.size(); i++) {
			DecodedEvent element = decoded.get(i);
			delivery.jsons.add(element.json());
			RequestEvent event = element.event();
			InvalidEventException error = element.error();
			if (error != null || event == null) {
				delivery.reject(i, (error != null) ? reasonOf(error) : DeadLetterReason.MALFORMED, error);
				continue;
			}
			String outOfRange = checkTimestamp(event, now);
			if (outOfRange != null) {
				delivery.reject(i, DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, new InvalidEventException(outOfRange));
				continue;
			}
			delivery.rows
				.add(new EventRow(event, this.jsonMapper.writeValueAsString(event.queryParams()), now, enrich(event)));
			delivery.rowIndexes.add(i);
		}
		return delivery;
	}

	/**
	 * Return the message with its body as plain JSON, so that whatever is retried or
	 * dead-lettered from it is plain JSON without a content encoding.
	 */
	private Message decompressed(Message received) {
		MessageProperties properties = received.getMessageProperties();
		String encoding = properties.getContentEncoding();
		if (encoding == null || encoding.isEmpty()) {
			return received;
		}
		byte[] json = BodyEncoding.decode(received.getBody(), encoding, this.maxDecompressedBytes);
		properties.setContentEncoding(null);
		return new Message(json, properties);
	}

	private Enrichment enrich(RequestEvent event) {
		try {
			return this.enricher.enrich(event);
		}
		catch (RuntimeException ex) {
			// Enrichment is best effort: the event is stored without the derived fields.
			if (!this.enrichmentFailed) {
				this.enrichmentFailed = true;
				logger.warn("Enrichment failed; events are stored without derived fields when it fails", ex);
			}
			else {
				logger.debug("Enrichment failed for event '{}'", event.eventId(), ex);
			}
			return Enrichment.NONE;
		}
	}

	private @Nullable String checkTimestamp(RequestEvent event, Instant now) {
		if (event.timestamp().isBefore(now.minus(this.validation.maxAge()))) {
			return "Field 'timestamp' is " + event.timestamp() + ", older than the retention window of "
					+ this.validation.maxAge();
		}
		if (event.timestamp().isAfter(now.plus(this.validation.maxFutureSkew()))) {
			return "Field 'timestamp' is " + event.timestamp() + ", more than " + this.validation.maxFutureSkew()
					+ " in the future";
		}
		return null;
	}

	static DeadLetterReason reasonOf(InvalidEventException failure) {
		String message = String.valueOf(failure.getMessage());
		if (message.startsWith("Message body") || message.startsWith("Event is JSON")) {
			return DeadLetterReason.MALFORMED;
		}
		if (message.startsWith("Unsupported schema_version")) {
			return DeadLetterReason.SCHEMA_VERSION;
		}
		if (message.startsWith("Required field")) {
			return DeadLetterReason.MISSING_FIELD;
		}
		return DeadLetterReason.INVALID_FIELD;
	}

	/**
	 * A bad message or event, to be dead-lettered.
	 */
	private record Rejection(byte[] body, DeadLetterReason reason, String detail, @Nullable Throwable failure) {

		Throwable failureOrUnknown() {
			return (this.failure != null) ? this.failure : new IllegalStateException(this.detail);
		}

	}

	/**
	 * One consumed message with its decoded rows and rejected parts.
	 */
	private static final class Delivery {

		final Message message;

		final List<EventRow> rows = new ArrayList<>();

		final List<Integer> rowIndexes = new ArrayList<>();

		final List<String> jsons = new ArrayList<>();

		final List<Rejection> rejections = new ArrayList<>();

		final List<Rejection> retries = new ArrayList<>();

		Delivery(Message message) {
			this.message = message;
		}

		long tag() {
			return this.message.getMessageProperties().getDeliveryTag();
		}

		int events() {
			return Math.max(1, this.jsons.size());
		}

		void rejectWhole(DeadLetterReason reason, InvalidEventException failure) {
			this.rejections
				.add(new Rejection(this.message.getBody(), reason, String.valueOf(failure.getMessage()), failure));
		}

		/**
		 * Dead-letter one element, given by its position among all elements.
		 */
		void reject(int index, DeadLetterReason reason, @Nullable Throwable failure) {
			this.rejections.add(new Rejection(body(index), reason, describe(failure), failure));
		}

		/**
		 * Retry one element later, given by its position among all elements.
		 */
		void retry(int index, Throwable failure) {
			this.retries
				.add(new Rejection(body(index), DeadLetterReason.RETRIES_EXHAUSTED, describe(failure), failure));
		}

		private byte[] body(int index) {
			return (this.jsons.size() <= 1) ? this.message.getBody()
					: this.jsons.get(index).getBytes(StandardCharsets.UTF_8);
		}

		private static String describe(@Nullable Throwable failure) {
			if (failure == null) {
				return "unknown";
			}
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return String.valueOf(root.getMessage());
		}

	}

}
