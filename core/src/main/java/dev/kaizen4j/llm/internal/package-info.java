/** Implementation details of the LLM stages: schema checks, prompt budgets, data blocks and log sampling. */
@NullMarked
package dev.kaizen4j.llm.internal;

import org.jspecify.annotations.NullMarked;
