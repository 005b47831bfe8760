package dev.parley.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Counts of statuses at the end of each interval: the data of a stacked chart. */
@Schema(name = "Series", requiredProperties = { "negotiation", "interval", "by", "from", "to", "points" })
public record SeriesView(
        @Schema(examples = "russia-us-nato-security-guarantees") String negotiation,
        @Schema(enumeration = {
                "day", "week", "month" }) String interval,
        @Schema(enumeration = { "demand_status", "party" }) String by,
        @Schema(description = "The first day of the range.") LocalDate from,
        @Schema(description = "The last day of the range.") LocalDate to,
        @Schema(description = "One point per interval touching the range, oldest first.") List<Point> points,
        @Schema(description = "The as_recorded instant asked for: the answer as Parley had it recorded then. Absent when not asked.", examples = "2022-02-18T12:00:00Z") Instant asRecorded){

    @Schema(name = "SeriesPoint", requiredProperties = { "start", "end" })
    public record Point(
            @Schema(description = "The first day of the interval (a Monday for weeks, the 1st for months), or `from` for the first point.") LocalDate start,
            @Schema(description = "The day the counts are taken: the interval's last day, or `to` for the last point.") LocalDate end,
            @Schema(description = "With by=demand_status: demands tabled by `end` per derived status on that day; every status is present, zeros included.", examples = "{\"PENDING\": 3, \"REJECTED\": 2, \"IN_NEGOTIATION\": 0, \"AGREED\": 0, \"WITHDRAWN\": 0}") Map<String, Integer> counts,
            @Schema(description = "With by=party: per party slug, its positions on demands tabled by `end` per status held on that day; every status is present, zeros included.") Map<String, Map<String, Integer>> parties) {
    }
}
