/**
 * Data subjects: export and erasure of everything stored for one user id, for the admin
 * role only, each erasure audited without the user id.
 */
@NullMarked
package io.github.requesttracking.consumer.subject;

import org.jspecify.annotations.NullMarked;
