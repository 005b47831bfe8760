package dev.parley.event;

/** How exactly a day is known: the day itself, only its month or year, or a day it happened by. */
public enum DatePrecision {
    DAY,
    MONTH,
    YEAR,
    ON_OR_BEFORE
}
