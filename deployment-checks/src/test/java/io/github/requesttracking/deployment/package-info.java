/**
 * Checks of the container deployment that run without a Docker engine: the compose file
 * against the Compose Specification, the image recipe against the jars the build
 * produces, and the environment the compose file sets against the properties the services
 * read.
 */
@NullMarked
package io.github.requesttracking.deployment;

import org.jspecify.annotations.NullMarked;
