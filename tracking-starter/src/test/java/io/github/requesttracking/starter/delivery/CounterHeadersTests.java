package io.github.requesttracking.starter.delivery;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counter headers of a message, built without a broker.
 */
class CounterHeadersTests {

	private final DeliveryStatistics statistics = new DeliveryStatistics();

	@Test
	void carriesTheCountersAsTheyAreWhenTheMessageIsBuilt() {
		CounterHeaders headers = new CounterHeaders(this.statistics, "shop", "instance-1");
		this.statistics.captured();
		this.statistics.captured();
		this.statistics.published(2);
		this.statistics.confirmed(1);
		this.statistics.sampledOut();
		this.statistics.dropped(DropReason.BUFFER_FULL, 3);
		this.statistics.dropped(DropReason.SHUTDOWN, 4);

		Map<String, Object> current = headers.current();

		assertThat(current).containsOnly(Map.entry("x-tracking-service", "shop"),
				Map.entry("x-tracking-instance", "instance-1"), Map.entry("x-tracking-captured", 2L),
				Map.entry("x-tracking-published", 2L), Map.entry("x-tracking-confirmed", 1L),
				Map.entry("x-tracking-sampled-out", 1L), Map.entry("x-tracking-dropped-buffer_full", 3L),
				Map.entry("x-tracking-dropped-rejected", 0L), Map.entry("x-tracking-dropped-serialization", 0L),
				Map.entry("x-tracking-dropped-shutdown", 4L));
	}

	@Test
	void reportsLaterCountsInLaterMessages() {
		CounterHeaders headers = new CounterHeaders(this.statistics, "shop", "instance-1");
		Map<String, Object> before = headers.current();

		this.statistics.dropped(DropReason.REJECTED, 1);

		assertThat(before).containsEntry("x-tracking-dropped-rejected", 0L);
		assertThat(headers.current()).containsEntry("x-tracking-dropped-rejected", 1L);
	}

	@Test
	void choosesOneRandomInstanceIdPerPublisher() {
		CounterHeaders first = new CounterHeaders(this.statistics, "shop");
		CounterHeaders second = new CounterHeaders(this.statistics, "shop");

		assertThat(first.instance()).isNotEqualTo(second.instance()).hasSize(36);
		assertThat(first.current()).containsEntry("x-tracking-instance", first.instance());
		assertThat(first.current()).as("a later message").containsEntry("x-tracking-instance", first.instance());
	}

}
