package io.github.requesttracking.starter.delivery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.github.requesttracking.event.BodyEncoding;
import io.github.requesttracking.event.BodyEncoding.GzipCompressor;
import io.github.requesttracking.event.EventJsonWriter;
import io.github.requesttracking.event.RequestEvent;
import io.github.requesttracking.event.RequestEventCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes events to a RabbitMQ fanout exchange from one background thread, on its own
 * connection, so that no request thread ever waits for the broker.
 * <p>
 * Requests only {@link #offer(RequestEvent) offer} events to a bounded buffer; a full
 * buffer drops the event and counts it. The publisher thread sends the buffered events in
 * batches (one JSON object for a single event, a JSON array for several) as persistent
 * messages with publisher confirms. Negatively confirmed batches, and batches left
 * unconfirmed when a connection fails or a confirm takes too long, are sent again; the
 * events sent and not yet confirmed are bounded too. While the broker cannot be reached,
 * the publisher reconnects with capped exponential backoff; while the broker blocks the
 * connection (memory or disk alarm), it pauses. At shutdown it keeps sending for a
 * bounded time and counts what it could not deliver.
 */
public class RabbitEventPublisher implements EventSink, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RabbitEventPublisher.class);

	/**
	 * Lifecycle phase: lower than the web server's, so that the publisher stops after the
	 * server has finished its last requests.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private static final long LINGER_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	/**
	 * Bodies below this size (one or two events) gain little from compression.
	 */
	static final int COMPRESSION_THRESHOLD_BYTES = 1024;

	/**
	 * A batch whose JSON is larger than this is split, so that a run of requests with
	 * long query strings and paths never makes a message that a consumer refuses as too
	 * large to decompress (16 MB by default) and dead-letters with every event in it.
	 */
	static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private final PublisherSettings settings;

	// Used by the publisher thread only: the JSON buffer and the deflater are kept from
	// one batch to the next, so that a batch allocates little more than its message. The
	// thread frees the deflater when it ends; a stopped publisher never starts again.
	private final EventJsonWriter writer = new EventJsonWriter(64 * 1024);

	private final GzipCompressor compressor = new GzipCompressor();

	private final DeliveryStatistics statistics;

	private final CounterHeaders counterHeaders;

	private final EventBuffer buffer;

	/**
	 * Encoded batches to send before new events: those to send again, and the second
	 * halves of batches split for size.
	 */
	private final ConcurrentLinkedQueue<Batch> toSend = new ConcurrentLinkedQueue<>();

	private final AtomicInteger outstandingEvents = new AtomicInteger();

	private final AtomicBoolean bufferFullWarned = new AtomicBoolean();

	private final Object lifecycleMonitor = new Object();

	private volatile DeliveryState state = DeliveryState.STARTING;

	private volatile boolean running;

	private volatile boolean stopped;

	private volatile @Nullable Thread thread;

	private volatile boolean waitingForConfirms;

	private @Nullable Connection connection;

	private @Nullable Channel channel;

	private @Nullable ConcurrentNavigableMap<Long, Batch> unconfirmed;

	private volatile boolean blocked;

	private long backoffNanos;

	private long degradedSinceNanos;

	private long droppedAtDegradation;

	private boolean serializationWarned;

	/**
	 * Create a publisher; it starts sending when {@link #start() started}.
	 * @param settings the broker and buffer settings
	 * @param statistics the counters to update
	 */
	public RabbitEventPublisher(PublisherSettings settings, DeliveryStatistics statistics) {
		this(settings, statistics, "application");
	}

	/**
	 * Create a publisher whose messages name the service in their counter headers; it
	 * starts sending when {@link #start() started}.
	 * @param settings the broker and buffer settings
	 * @param statistics the counters to update and to report in every message's headers
	 * @param service the service name reported in the {@code x-tracking-service} header
	 */
	public RabbitEventPublisher(PublisherSettings settings, DeliveryStatistics statistics, String service) {
		this.settings = settings;
		this.statistics = statistics;
		this.counterHeaders = new CounterHeaders(statistics, service);
		this.buffer = new EventBuffer(settings.bufferCapacity());
		this.backoffNanos = settings.reconnectInitialBackoff().toNanos();
	}

	@Override
	public boolean offer(RequestEvent event) {
		this.statistics.captured();
		if (!this.stopped && this.buffer.offer(event)) {
			return true;
		}
		refused();
		return false;
	}

	@Override
	public boolean dropEarly() {
		if (!this.stopped && !this.buffer.isFull()) {
			return false;
		}
		this.statistics.captured();
		refused();
		return true;
	}

	/**
	 * Count an event refused because the publisher stopped or the buffer is full.
	 */
	private void refused() {
		if (this.stopped) {
			this.statistics.dropped(DropReason.SHUTDOWN, 1);
			return;
		}
		this.statistics.dropped(DropReason.BUFFER_FULL, 1);
		// Read before writing: while the buffer stays full every request thread
		// comes here, and a write on every drop would bounce the flag's cache line
		// between cores.
		if (!this.bufferFullWarned.get() && !this.bufferFullWarned.getAndSet(true)) {
			logger.warn("Tracking buffer is full ({} events, delivery {}); dropping events until it drains",
					this.settings.bufferCapacity(), this.state);
		}
	}

	/**
	 * Return the state of the connection.
	 * @return the state
	 */
	public DeliveryState state() {
		return this.state;
	}

	/**
	 * Return the number of events waiting in the buffer.
	 * @return the number of buffered events
	 */
	public int bufferedEvents() {
		return this.buffer.size();
	}

	/**
	 * Return the number of events taken from the buffer and not yet confirmed.
	 * @return the number of outstanding events
	 */
	public int outstandingEvents() {
		return this.outstandingEvents.get();
	}

	/**
	 * Return the random id, chosen when this publisher was created, that its messages
	 * carry in the {@code x-tracking-instance} header.
	 * @return the instance id
	 */
	public String instanceId() {
		return this.counterHeaders.instance();
	}

	/**
	 * Return the configured settings.
	 * @return the settings
	 */
	public PublisherSettings settings() {
		return this.settings;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running || this.stopped) {
				return;
			}
			this.running = true;
			Thread publisher = new Thread(this::run, "tracking-publisher");
			publisher.setDaemon(true);
			this.thread = publisher;
			publisher.start();
		}
	}

	@Override
	public void stop() {
		Thread publisher;
		synchronized (this.lifecycleMonitor) {
			publisher = this.thread;
			if (!this.running || publisher == null) {
				return;
			}
			this.running = false;
		}
		LockSupport.unpark(publisher);
		try {
			publisher.join(this.settings.shutdownTimeout().toMillis() + this.settings.connectTimeout().toMillis() * 2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run() {
		logger.info("Publishing tracking events to exchange '{}' at {}:{}", this.settings.exchange(),
				this.settings.host(), this.settings.port());
		try (this.compressor) {
			while (this.running) {
				step(false);
			}
			flush();
		}
		catch (RuntimeException | Error ex) {
			logger.error("Tracking publisher failed; events are no longer delivered", ex);
			throw ex;
		}
		finally {
			this.stopped = true;
			countLostEvents();
			closeConnection();
			this.state = DeliveryState.STOPPED;
		}
	}

	private void step(boolean flushing) {
		if (this.channel == null || !this.channel.isOpen()) {
			if (this.channel != null) {
				connectionFailed(closeReason(this.channel), "the connection closed");
			}
			else if (!connect()) {
				waitBeforeReconnecting();
			}
			return;
		}
		if (this.blocked) {
			LockSupport.parkNanos(PAUSE_NANOS * 5);
			return;
		}
		if (confirmOverdue()) {
			connectionFailed(null, "a confirm took longer than " + this.settings.confirmTimeout().toMillis() + " ms");
			return;
		}
		Batch batch = nextBatch(flushing);
		if (batch != null) {
			publish(batch);
		}
	}

	private void flush() {
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		while (System.nanoTime() - deadline < 0 && (this.buffer.size() > 0 || this.outstandingEvents.get() > 0)) {
			step(true);
		}
	}

	// Limitation: events wait in memory only. An outage longer than the buffer covers, or
	// a crash of the process, loses them; there is no disk spool.
	private void countLostEvents() {
		long lost = this.buffer.size() + (long) this.outstandingEvents.get();
		this.buffer.drainTo(new ArrayList<>(), Integer.MAX_VALUE);
		this.toSend.clear();
		this.outstandingEvents.set(0);
		if (lost > 0) {
			this.statistics.dropped(DropReason.SHUTDOWN, lost);
			logger.error("Tracking publisher stopped with {} events undelivered; they are lost", lost);
		}
		else {
			logger.info("Tracking publisher stopped; every event was delivered");
		}
	}

	private @Nullable Batch nextBatch(boolean flushing) {
		Batch queued = this.toSend.poll();
		if (queued != null) {
			return queued;
		}
		if (this.outstandingEvents.get() >= this.settings.maxUnconfirmedEvents()) {
			this.waitingForConfirms = true;
			LockSupport.parkNanos(PAUSE_NANOS);
			this.waitingForConfirms = false;
			return null;
		}
		List<RequestEvent> events = drain(flushing);
		if (events.isEmpty()) {
			return null;
		}
		if (this.bufferFullWarned.get() && this.buffer.size() < this.settings.bufferCapacity() / 2) {
			this.bufferFullWarned.set(false);
		}
		return encode(events);
	}

	private List<RequestEvent> drain(boolean flushing) {
		int batchSize = this.settings.batchSize();
		List<RequestEvent> events = new ArrayList<>(Math.min(batchSize, 64));
		this.buffer.drainTo(events, batchSize);
		if (events.isEmpty()) {
			if (!flushing) {
				LockSupport.parkNanos(IDLE_WAIT_NANOS / 10);
			}
			return events;
		}
		// A partial batch waits until it is full or the linger time is over,
		// looking again every few milliseconds: under load, batches leave full and
		// the buffer never holds a whole linger time of events.
		long deadline = System.nanoTime() + this.settings.batchLinger().toNanos();
		while (events.size() < batchSize && !flushing) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			LockSupport.parkNanos(Math.min(remaining, LINGER_STEP_NANOS));
			this.buffer.drainTo(events, batchSize - events.size());
		}
		return events;
	}

	private @Nullable Batch encode(List<RequestEvent> events) {
		try {
			encodeBody(events);
		}
		catch (RuntimeException ex) {
			List<RequestEvent> encodable = withoutUnencodable(events);
			if (encodable.size() == events.size()) {
				this.statistics.dropped(DropReason.SERIALIZATION, events.size());
				warnSerializationOnce(events.get(0), ex);
				return null;
			}
			return encodable.isEmpty() ? null : encode(encodable);
		}
		int length = this.writer.length();
		if (length > MAX_BODY_BYTES && events.size() > 1) {
			int half = events.size() / 2;
			Batch first = encode(events.subList(0, half));
			Batch second = encode(events.subList(half, events.size()));
			if (second != null) {
				this.toSend.add(second);
			}
			return first;
		}
		byte[] body;
		String contentEncoding = null;
		if (this.settings.compress() && length >= COMPRESSION_THRESHOLD_BYTES) {
			body = this.compressor.compress(this.writer.buffer(), 0, length);
			contentEncoding = BodyEncoding.GZIP;
		}
		else {
			body = this.writer.toByteArray();
		}
		this.outstandingEvents.addAndGet(events.size());
		return new Batch(events.size(), body, contentEncoding, messageId(events));
	}

	private List<RequestEvent> withoutUnencodable(List<RequestEvent> events) {
		List<RequestEvent> encodable = new ArrayList<>(events.size());
		for (RequestEvent event : events) {
			try {
				this.writer.reset().write(event);
				encodable.add(event);
			}
			catch (RuntimeException ex) {
				this.statistics.dropped(DropReason.SERIALIZATION, 1);
				warnSerializationOnce(event, ex);
			}
		}
		return encodable;
	}

	// Limitation: this thread spends about 1.9 us of CPU per event, two thirds of it in
	// gzip and most of the rest writing the JSON, on top of the filter's cost on the
	// request thread and the broker's; a saturated trivial endpoint on two shared cores
	// loses about 6 to 9 % of its throughput.
	private void encodeBody(List<RequestEvent> events) {
		this.writer.reset();
		if (events.size() == 1) {
			this.writer.write(events.get(0));
		}
		else {
			this.writer.writeArray(events);
		}
	}

	private static @Nullable String messageId(List<RequestEvent> events) {
		return (events.size() == 1) ? events.get(0).eventId().toString() : null;
	}

	private void warnSerializationOnce(RequestEvent event, RuntimeException ex) {
		if (!this.serializationWarned) {
			this.serializationWarned = true;
			logger.warn("Could not serialize tracking event {}; such events are dropped and counted", event.eventId(),
					ex);
		}
	}

	private void publish(Batch batch) {
		Channel current = this.channel;
		ConcurrentNavigableMap<Long, Batch> pending = this.unconfirmed;
		if (current == null || pending == null) {
			this.toSend.add(batch);
			return;
		}
		long tag = current.getNextPublishSeqNo();
		batch.sentAtNanos = System.nanoTime();
		pending.put(tag, batch);
		try {
			current.basicPublish(this.settings.exchange(), "", false, properties(batch), batch.body);
			this.statistics.published(batch.events);
			logger.debug("Published {} tracking events as message {}", batch.events, tag);
		}
		catch (IOException | ShutdownSignalException ex) {
			connectionFailed(ex, "publishing failed");
		}
	}

	// Limitation: messages are published without the mandatory flag. If no queue is bound
	// to the exchange (the consumer never ran), the broker discards them and still
	// confirms.
	private AMQP.BasicProperties properties(Batch batch) {
		return new AMQP.BasicProperties.Builder().contentType(RequestEventCodec.CONTENT_TYPE)
			.contentEncoding(batch.contentEncoding)
			.deliveryMode(2)
			.messageId(batch.messageId)
			.appId(this.settings.connectionName())
			.headers(this.counterHeaders.current())
			.build();
	}

	private boolean confirmOverdue() {
		ConcurrentNavigableMap<Long, Batch> pending = this.unconfirmed;
		if (pending == null) {
			return false;
		}
		Map.Entry<Long, Batch> oldest = pending.firstEntry();
		return oldest != null
				&& System.nanoTime() - oldest.getValue().sentAtNanos > this.settings.confirmTimeout().toNanos();
	}

	private boolean connect() {
		Connection opened = null;
		try {
			opened = connectionFactory().newConnection(this.settings.connectionName());
			opened.addBlockedListener(new Blocking());
			Channel opening = opened.createChannel();
			opening.exchangeDeclare(this.settings.exchange(), BuiltinExchangeType.FANOUT, true);
			opening.confirmSelect();
			ConcurrentNavigableMap<Long, Batch> pending = new ConcurrentSkipListMap<>();
			opening.addConfirmListener(new Confirms(pending));
			this.connection = opened;
			this.channel = opening;
			this.unconfirmed = pending;
			this.blocked = false;
			connected();
			return true;
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			if (opened != null) {
				opened.abort(1000);
			}
			degraded(ex, "connecting failed");
			return false;
		}
	}

	private ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(this.settings.host());
		factory.setPort(this.settings.port());
		factory.setUsername(this.settings.username());
		factory.setPassword(this.settings.password());
		factory.setVirtualHost(this.settings.virtualHost());
		int connectTimeout = (int) this.settings.connectTimeout().toMillis();
		factory.setConnectionTimeout(connectTimeout);
		factory.setHandshakeTimeout(connectTimeout);
		factory.setShutdownTimeout(0);
		factory.setChannelRpcTimeout((int) Math.max(connectTimeout, this.settings.confirmTimeout().toMillis()));
		factory.setRequestedHeartbeat((int) Math.max(1, this.settings.heartbeat().toSeconds()));
		factory.setAutomaticRecoveryEnabled(false);
		factory.setTopologyRecoveryEnabled(false);
		return factory;
	}

	private void connected() {
		this.backoffNanos = this.settings.reconnectInitialBackoff().toNanos();
		if (this.state == DeliveryState.DISCONNECTED) {
			long dropped = this.statistics.droppedCount() - this.droppedAtDegradation;
			logger.info(
					"Delivery of tracking events to exchange '{}' recovered after {} ms; {} events dropped meanwhile",
					this.settings.exchange(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.degradedSinceNanos), dropped);
		}
		else {
			logger.info("Connected to RabbitMQ at {}:{} for tracking events", this.settings.host(),
					this.settings.port());
		}
		this.state = DeliveryState.CONNECTED;
	}

	private void degraded(@Nullable Exception ex, String what) {
		if (this.state != DeliveryState.DISCONNECTED) {
			this.degradedSinceNanos = System.nanoTime();
			this.droppedAtDegradation = this.statistics.droppedCount();
			this.state = DeliveryState.DISCONNECTED;
			logger.warn(
					"Tracking events cannot be delivered to RabbitMQ at {}:{} ({}); buffering up to {} events "
							+ "and reconnecting in the background",
					this.settings.host(), this.settings.port(), what, this.settings.bufferCapacity(), ex);
		}
		else {
			logger.debug("Tracking delivery still failing ({})", what, ex);
		}
	}

	private void connectionFailed(@Nullable Exception ex, String what) {
		ConcurrentNavigableMap<Long, Batch> pending = this.unconfirmed;
		if (pending != null) {
			for (Long tag : pending.keySet()) {
				Batch batch = pending.remove(tag);
				if (batch != null) {
					this.toSend.add(batch);
				}
			}
		}
		closeConnection();
		degraded(ex, what);
	}

	private void waitBeforeReconnecting() {
		boolean wasRunning = this.running;
		long remaining = wasRunning ? this.backoffNanos
				: Math.min(this.backoffNanos, TimeUnit.MILLISECONDS.toNanos(200));
		long until = System.nanoTime() + remaining;
		while (remaining > 0 && this.running == wasRunning) {
			LockSupport.parkNanos(remaining);
			remaining = until - System.nanoTime();
		}
		this.backoffNanos = Math.min(this.backoffNanos * 2, this.settings.reconnectMaxBackoff().toNanos());
	}

	private static @Nullable Exception closeReason(Channel channel) {
		return channel.getCloseReason();
	}

	private void closeConnection() {
		Connection open = this.connection;
		this.connection = null;
		this.channel = null;
		this.unconfirmed = null;
		this.blocked = false;
		if (open != null) {
			open.abort(1000);
		}
	}

	private void settle(ConcurrentNavigableMap<Long, Batch> pending, long tag, boolean multiple, boolean ack) {
		if (multiple) {
			for (Long settled : pending.headMap(tag, true).keySet()) {
				settleOne(pending, settled, ack);
			}
		}
		else {
			settleOne(pending, tag, ack);
		}
		if (this.waitingForConfirms) {
			Thread publisher = this.thread;
			if (publisher != null) {
				LockSupport.unpark(publisher);
			}
		}
	}

	private void settleOne(ConcurrentNavigableMap<Long, Batch> pending, long tag, boolean ack) {
		Batch batch = pending.remove(tag);
		if (batch == null) {
			return;
		}
		if (ack) {
			this.outstandingEvents.addAndGet(-batch.events);
			this.statistics.confirmed(batch.events);
			return;
		}
		batch.attempts++;
		if (batch.attempts >= this.settings.maxAttempts()) {
			this.outstandingEvents.addAndGet(-batch.events);
			this.statistics.dropped(DropReason.REJECTED, batch.events);
			logger.warn("The broker refused {} tracking events {} times; they are dropped", batch.events,
					batch.attempts);
		}
		else {
			logger.debug("The broker refused {} tracking events; sending them again", batch.events);
			this.toSend.add(batch);
		}
	}

	/**
	 * One message's worth of events, encoded once and sent as often as needed.
	 */
	private static final class Batch {

		private final int events;

		private final byte[] body;

		private final @Nullable String contentEncoding;

		private final @Nullable String messageId;

		private volatile long sentAtNanos;

		private int attempts;

		private Batch(int events, byte[] body, @Nullable String contentEncoding, @Nullable String messageId) {
			this.events = events;
			this.body = body;
			this.contentEncoding = contentEncoding;
			this.messageId = messageId;
		}

	}

	private final class Confirms implements ConfirmListener {

		private final ConcurrentNavigableMap<Long, Batch> pending;

		private Confirms(ConcurrentNavigableMap<Long, Batch> pending) {
			this.pending = pending;
		}

		@Override
		public void handleAck(long deliveryTag, boolean multiple) {
			settle(this.pending, deliveryTag, multiple, true);
		}

		@Override
		public void handleNack(long deliveryTag, boolean multiple) {
			settle(this.pending, deliveryTag, multiple, false);
		}

	}

	private final class Blocking implements BlockedListener {

		@Override
		public void handleBlocked(String reason) {
			RabbitEventPublisher.this.blocked = true;
			RabbitEventPublisher.this.state = DeliveryState.BLOCKED;
			logger.warn("RabbitMQ blocks the tracking connection ({}); events are buffered until it unblocks", reason);
		}

		@Override
		public void handleUnblocked() {
			RabbitEventPublisher.this.blocked = false;
			RabbitEventPublisher.this.state = DeliveryState.CONNECTED;
			logger.info("RabbitMQ unblocked the tracking connection; delivery resumes");
		}

	}

}
