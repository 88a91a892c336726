/**
 * Kaizen4j on Supabase or any PostgreSQL: the review queue and metrics tables of the design, the schema
 * migrations that create or extend them, and the shared ledger that lets several runtimes work on one
 * database.
 */
@NullMarked
package dev.kaizen4j.notifier.supabase;

import org.jspecify.annotations.NullMarked;
