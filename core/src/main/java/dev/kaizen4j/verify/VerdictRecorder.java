package dev.kaizen4j.verify;

import static java.util.Objects.requireNonNull;

import dev.kaizen4j.KaizenException;
import dev.kaizen4j.ledger.ImprovementLedger;
import dev.kaizen4j.ledger.LedgerEntry;
import dev.kaizen4j.ledger.LedgerTransitions;
import dev.kaizen4j.ledger.RequestRecord;
import dev.kaizen4j.review.BackChannel;
import dev.kaizen4j.review.RequestStatus;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the verification of a request: the evidence in the archive, the verdict
 * ({@code VERIFIED_EFFECTIVE}, {@code VERIFIED_HARMFUL}, {@code VERIFIED_INCONCLUSIVE},
 * {@code VERIFICATION_INVALID}) in the ledger, then shows it on the request's back-channel.
 *
 * <p>A back-channel that fails to show the verdict is logged, never thrown: the ledger already holds it.
 */
public final class VerdictRecorder {

    private static final Logger log = LoggerFactory.getLogger(VerdictRecorder.class);

    private final ImprovementLedger ledger;
    private final VerificationArchive archive;
    private final @Nullable BackChannel backChannel;
    private final Clock clock;

    /**
     * @param backChannel where the request was submitted, or null to show the verdict nowhere but the ledger
     */
    public VerdictRecorder(ImprovementLedger ledger, VerificationArchive archive, @Nullable BackChannel backChannel,
            Clock clock) {
        this.ledger = requireNonNull(ledger, "ledger");
        this.archive = requireNonNull(archive, "archive");
        this.backChannel = backChannel;
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The request, if its change can be verified: published, merged, or verified before without a
     * conclusion (inconclusive or invalid).
     *
     * @throws KaizenException (invalid input) for an unknown request or one in another state
     */
    public RequestRecord verifiable(String requestId) {
        requireNonNull(requestId, "requestId");
        RequestRecord found = ledger.find(requestId)
                .orElseThrow(() -> KaizenException.invalidInput("no request '" + requestId + "' in the ledger"));
        if (!LedgerTransitions.next(found.status()).contains(RequestStatus.VERIFIED_EFFECTIVE)) {
            throw KaizenException.invalidInput("request " + requestId + " is "
                    + found.status().name().toLowerCase(Locale.ROOT) + "; only published or merged requests, or"
                    + " inconclusive or invalid verifications, can be verified");
        }
        return found;
    }

    /** Records the verdict and returns the status the request entered. */
    public RequestStatus record(RequestRecord request, Verification verification) {
        requireNonNull(request, "request");
        requireNonNull(verification, "verification");
        RequestStatus status = verification.decision().requestStatus();
        String note = verification.summary();
        archive.save(request.requestId(), verification);
        ledger.append(LedgerEntry.transition(clock.instant(), request, status, note));
        if (backChannel != null && request.submission() != null) {
            try {
                backChannel.statusChanged(request.submission(), status, note);
            } catch (RuntimeException failure) {
                log.warn("Back-channel {} failed to show the verdict {} of {}: {}", backChannel.name(), status,
                        request.requestId(), failure.toString());
            }
        }
        return status;
    }
}
