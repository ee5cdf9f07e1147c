package io.github.requesttracking.starter.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How the publisher reaches the broker and how much it buffers.
 *
 * @param host broker host
 * @param port broker AMQP port
 * @param username user name
 * @param password password
 * @param virtualHost virtual host
 * @param exchange fanout exchange events are published to
 * @param connectionName name the connection shows in the broker's management UI, or
 * {@code null}
 * @param bufferCapacity the most events waiting to be published
 * @param batchSize the most events sent in one message
 * @param batchLinger how long a partial batch waits for more events before it is sent (a
 * full batch leaves at once)
 * @param compress whether message bodies of at least {@code 1 KiB} are sent
 * gzip-compressed
 * @param maxUnconfirmedEvents the most events sent and not yet confirmed (or waiting to
 * be sent again)
 * @param maxAttempts the most times a negatively confirmed event is sent
 * @param confirmTimeout how long a confirm may take before the connection is considered
 * hung and replaced
 * @param connectTimeout TCP connect and handshake timeout
 * @param heartbeat requested AMQP heartbeat interval
 * @param reconnectInitialBackoff the first wait after a failed connection attempt
 * @param reconnectMaxBackoff the longest wait between connection attempts
 * @param shutdownTimeout how long the publisher keeps sending at shutdown
 */
public record PublisherSettings(String host, int port, String username, String password, String virtualHost,
		String exchange, @Nullable String connectionName, int bufferCapacity, int batchSize, Duration batchLinger,
		boolean compress, int maxUnconfirmedEvents, int maxAttempts, Duration confirmTimeout, Duration connectTimeout,
		Duration heartbeat, Duration reconnectInitialBackoff, Duration reconnectMaxBackoff, Duration shutdownTimeout) {

}
