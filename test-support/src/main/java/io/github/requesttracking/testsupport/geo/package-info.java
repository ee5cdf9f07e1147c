/**
 * Writes small MaxMind DB ({@code .mmdb}) files, version 2.0 of the format, so that tests
 * can geolocate against a database they build themselves and read through the real
 * MaxMind reader instead of shipping third-party data.
 */
@NullMarked
package io.github.requesttracking.testsupport.geo;

import org.jspecify.annotations.NullMarked;
