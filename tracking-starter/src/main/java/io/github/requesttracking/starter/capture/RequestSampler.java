package io.github.requesttracking.starter.capture;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which finished requests are recorded. Server errors, and client errors when so
 * configured, are always kept; other requests are kept with the configured probability.
 */
public class RequestSampler {

	/**
	 * Sample rate meaning "not recorded".
	 */
	public static final double SKIP = 0;

	private final double rate;

	private final boolean keepClientErrors;

	/**
	 * Create a sampler.
	 * @param rate probability with which a successful request is kept, in (0, 1]
	 * @param keepClientErrors whether 4xx responses are always kept
	 */
	public RequestSampler(double rate, boolean keepClientErrors) {
		if (!(rate > 0 && rate <= 1)) {
			throw new IllegalArgumentException("The sample rate must be above 0 and at most 1, not " + rate);
		}
		this.rate = rate;
		this.keepClientErrors = keepClientErrors;
	}

	/**
	 * Decide about one request.
	 * @param status the status the client received
	 * @return the sample rate to record ({@code 1.0} for always-kept requests), or
	 * {@link #SKIP} when the request is not recorded
	 */
	public double sampleRate(int status) {
		if (this.rate >= 1 || status >= 500 || (this.keepClientErrors && status >= 400)) {
			return 1.0;
		}
		return (ThreadLocalRandom.current().nextDouble() < this.rate) ? this.rate : SKIP;
	}

}
