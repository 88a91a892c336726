/** Implementation details of the Supabase notifier; not API. */
@NullMarked
package dev.kaizen4j.notifier.supabase.internal;

import org.jspecify.annotations.NullMarked;
