package io.github.requesttracking.consumer.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.requesttracking.event.PublisherHeaders;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessagePostProcessor;

/**
 * Keeps, in memory, the latest delivery counters of each publisher instance, read from
 * the {@link PublisherHeaders} of every consumed message. Applied by the ingest container
 * to each message it receives; per message it reads a few headers and updates one map
 * entry, without touching the database. Messages without the headers (older publishers,
 * other tools) are passed on unchanged.
 * <p>
 * Counters only grow within one publisher instance, so a message whose published count is
 * not above the one already kept (a redelivery, or an older message that another consumer
 * thread took later) changes nothing. {@link #changed()} hands the instances that changed
 * to the flusher and forgets those that did not: a later message re-creates them.
 */
public final class PublisherCounters implements MessagePostProcessor {

	/** Longer service names or instance ids are not from the starter and are ignored. */
	static final int MAX_NAME_LENGTH = 256;

	private final Map<String, Latest> latest = new ConcurrentHashMap<>();

	@Override
	public Message postProcessMessage(Message message) {
		observe(message.getMessageProperties().getHeaders());
		return message;
	}

	/**
	 * Take the counters from the headers of one message, if it carries them.
	 * @param headers the message headers
	 */
	void observe(Map<String, Object> headers) {
		Object instance = headers.get(PublisherHeaders.INSTANCE);
		Object service = headers.get(PublisherHeaders.SERVICE);
		if (instance == null || service == null || !(headers.get(PublisherHeaders.PUBLISHED) instanceof Number)) {
			return;
		}
		String id = instance.toString();
		if (id.length() > MAX_NAME_LENGTH || service.toString().length() > MAX_NAME_LENGTH) {
			return;
		}
		Latest entry = this.latest.computeIfAbsent(id, (key) -> new Latest(service.toString()));
		while (!entry.update(headers)) {
			this.latest.remove(id, entry);
			entry = this.latest.computeIfAbsent(id, (key) -> new Latest(service.toString()));
		}
	}

	/**
	 * Return the counters of every instance that changed since the last call, and forget
	 * the instances that did not.
	 * @return the changed instances' counters
	 */
	List<PublisherSnapshot> changed() {
		List<PublisherSnapshot> changed = new ArrayList<>();
		Iterator<Map.Entry<String, Latest>> entries = this.latest.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<String, Latest> entry = entries.next();
			PublisherSnapshot snapshot = entry.getValue().takeIfChanged(entry.getKey());
			if (snapshot != null) {
				changed.add(snapshot);
			}
			else {
				entries.remove();
			}
		}
		return changed;
	}

	/**
	 * Mark instances as changed again after their counters could not be written, so that
	 * the next flush writes them (with whatever newer values arrived meanwhile).
	 * @param snapshots the counters that were not written
	 */
	void unwritten(List<PublisherSnapshot> snapshots) {
		for (PublisherSnapshot snapshot : snapshots) {
			Latest entry = this.latest.get(snapshot.instance());
			if (entry != null) {
				entry.markChanged();
			}
			else {
				observe(headersOf(snapshot));
			}
		}
	}

	private static Map<String, Object> headersOf(PublisherSnapshot snapshot) {
		Map<String, Object> headers = new HashMap<>();
		headers.put(PublisherHeaders.SERVICE, snapshot.service());
		headers.put(PublisherHeaders.INSTANCE, snapshot.instance());
		headers.put(PublisherHeaders.CAPTURED, snapshot.captured());
		headers.put(PublisherHeaders.PUBLISHED, snapshot.published());
		headers.put(PublisherHeaders.CONFIRMED, snapshot.confirmed());
		headers.put(PublisherHeaders.SAMPLED_OUT, snapshot.sampledOut());
		snapshot.dropped().forEach((reason, count) -> headers.put(PublisherHeaders.dropped(reason), count));
		return headers;
	}

	/**
	 * The newest counters of one instance. Guarded by its own monitor: listener threads
	 * update it, the flusher reads it.
	 */
	private static final class Latest {

		private final String service;

		private long captured = -1;

		private long published = -1;

		private long confirmed;

		private long sampledOut;

		/** Keyed by header name, so that reading a message allocates no key. */
		private final Map<String, Long> dropped = new HashMap<>();

		private boolean changed;

		private boolean retired;

		Latest(String service) {
			this.service = service;
		}

		/**
		 * Take newer counters from a message.
		 * @return false when this entry was forgotten and must be replaced
		 */
		synchronized boolean update(Map<String, Object> headers) {
			if (this.retired) {
				return false;
			}
			long published = longValue(headers.get(PublisherHeaders.PUBLISHED));
			if (published <= this.published) {
				return true;
			}
			this.published = published;
			this.captured = Math.max(this.captured, longValue(headers.get(PublisherHeaders.CAPTURED)));
			this.confirmed = Math.max(this.confirmed, longValue(headers.get(PublisherHeaders.CONFIRMED)));
			this.sampledOut = Math.max(this.sampledOut, longValue(headers.get(PublisherHeaders.SAMPLED_OUT)));
			for (Map.Entry<String, Object> header : headers.entrySet()) {
				if (header.getKey().startsWith(PublisherHeaders.DROPPED_PREFIX)
						&& header.getValue() instanceof Number count) {
					Long kept = this.dropped.get(header.getKey());
					if (kept == null || kept < count.longValue()) {
						this.dropped.put(header.getKey(), count.longValue());
					}
				}
			}
			this.changed = true;
			return true;
		}

		synchronized void markChanged() {
			this.changed = true;
		}

		/**
		 * Return the counters if they changed since the last call; otherwise retire this
		 * entry so that a concurrent update goes to a new one.
		 */
		synchronized PublisherSnapshot takeIfChanged(String instance) {
			if (!this.changed) {
				this.retired = true;
				return null;
			}
			this.changed = false;
			Map<String, Long> byReason = new HashMap<>();
			this.dropped.forEach(
					(header, count) -> byReason.put(header.substring(PublisherHeaders.DROPPED_PREFIX.length()), count));
			return new PublisherSnapshot(this.service, instance, Math.max(0, this.captured), this.published,
					this.confirmed, this.sampledOut, byReason);
		}

		private static long longValue(Object value) {
			return (value instanceof Number number) ? number.longValue() : 0;
		}

	}

}
