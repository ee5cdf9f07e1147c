package io.github.requesttracking.consumer.deadletter;

import java.util.Map;

import io.github.requesttracking.consumer.topology.IngestTopology;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin endpoints for dead letters: how many wait, and replaying them into the work
 * queue.
 */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

	private final DeadLetterReplayer replayer;

	private final IngestTopology topology;

	DeadLetterController(DeadLetterReplayer replayer, IngestTopology topology) {
		this.replayer = replayer;
		this.topology = topology;
	}

	@GetMapping
	Map<String, Object> count() {
		return Map.of("queue", this.topology.deadLetterQueue(), "messages", this.replayer.count());
	}

	@PostMapping("/replay")
	Map<String, Object> replay(@RequestParam(defaultValue = "1000") int limit) {
		return Map.of("queue", this.topology.queue(), "replayed", this.replayer.replay(limit));
	}

}
