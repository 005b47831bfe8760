package dev.parley.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.common.ApiException;
import dev.parley.common.Caller;
import dev.parley.common.Clocks;
import dev.parley.common.FieldError;
import dev.parley.common.Ids;
import dev.parley.common.NotFound;
import dev.parley.common.Page;
import dev.parley.common.PageRequest;
import dev.parley.export.ExportService;
import dev.parley.negotiation.NegotiationService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Freezes exports into releases: the JSON bundle written once through a SHA-256 digest to a
 * temporary file, then stored in chunks. A release is never written again, so its bytes and digest
 * hold for good.
 */
@ApplicationScoped
public class ReleaseService {

    static final int CHUNK = 1 << 20;

    private final ReleaseRepository releases;
    private final ExportService exports;
    private final NegotiationService negotiations;
    private final Caller caller;

    private final Clock clock;

    ReleaseService(ReleaseRepository releases, ExportService exports, NegotiationService negotiations,
            Caller caller, Clock clock) {
        this.clock = clock;
        this.releases = releases;
        this.exports = exports;
        this.negotiations = negotiations;
        this.caller = caller;
    }

    public ReleaseView create(ReleaseRequest request, String base) {
        String negotiation = request.negotiation() == null ? null
                : negotiations.find(request.negotiation()).map(n -> n.slug).orElseThrow(
                        () -> new dev.parley.common.InvalidRequest("/negotiation",
                                "no negotiation with slug '" + request.negotiation() + "'"));
        String by = caller.name();
        Path file = null;
        try {
            file = Files.createTempFile("parley-release-", ".json");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                exports.write(ExportService.Format.JSON, negotiation, base, out);
            }
            long size = Files.size(file);
            ReleaseRepository.Row row = new ReleaseRepository.Row(Ids.next("rel"), negotiation, "application/json",
                    HexFormat.of().formatHex(digest.digest()), size, Clocks.now(clock), by);
            Path frozen = file;
            QuarkusTransaction.requiringNew().timeout(1800).run(() -> store(row, frozen));
            return ReleaseView.of(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is the operating system's to clean
                }
            }
        }
    }

    private void store(ReleaseRepository.Row row, Path file) {
        releases.insert(row);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            int seq = 0;
            int read;
            while ((read = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                releases.insertChunk(row.id(), seq++, read == CHUNK ? buffer : java.util.Arrays.copyOf(buffer, read));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ReleaseView require(String id) {
        return releases.find(id).map(ReleaseView::of).orElseThrow(() -> new NotFound("release", id));
    }

    public Page<ReleaseView> list(PageRequest page) {
        String[] key = page.after() == null ? null : page.after().split("\\|", 2);
        java.time.Instant at = null;
        if (key != null) {
            try {
                at = java.time.Instant.parse(key[0]);
            } catch (RuntimeException e) {
                throw new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                        "page_token is not a token this service issued.",
                        List.of(new FieldError("page_token", "is not a token this service issued")));
            }
        }
        List<ReleaseRepository.Row> rows = releases.page(at, key == null ? null : key[1], page.fetchSize());
        return page.page(rows, r -> r.createdAt() + "|" + r.id()).map(ReleaseView::of);
    }

    /** Writes a release's bytes, one chunk in memory at a time. */
    public void write(String id, OutputStream out) {
        QuarkusTransaction.requiringNew().timeout(1800).run(() -> {
            try {
                for (int seq = 0;; seq++) {
                    byte[] chunk = releases.chunk(id, seq);
                    if (chunk == null) {
                        return;
                    }
                    out.write(chunk);
                    releases.clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
