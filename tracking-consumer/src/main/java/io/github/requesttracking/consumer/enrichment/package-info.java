/**
 * Enrichment of events before they are stored: geolocation and user-agent parsing.
 */
@NullMarked
package io.github.requesttracking.consumer.enrichment;

import org.jspecify.annotations.NullMarked;
