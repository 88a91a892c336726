/** The values Kaizen4j reasons about: conversation events, tasks and their outcomes. */
@NullMarked
package dev.kaizen4j.model;

import org.jspecify.annotations.NullMarked;
