/**
 * The compatibility kit for {@link dev.kaizen4j.review.BackChannel} implementations, shipped as
 * kaizen4j-core's test jar: a plugin's test extends {@link dev.kaizen4j.review.contract.BackChannelContract}
 * and needs nothing else but JUnit 5 and AssertJ. {@link dev.kaizen4j.review.contract.ContractRequests}
 * makes the requests it submits.
 */
@NullMarked
package dev.kaizen4j.review.contract;

import org.jspecify.annotations.NullMarked;
