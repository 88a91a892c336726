/** Team specifications: the agents of a team, their prompts and sources, loaded from YAML or JSON. */
@NullMarked
package dev.kaizen4j.team;

import org.jspecify.annotations.NullMarked;
