package dev.parley.common;

/** The slug rule shared by parties, negotiations and demands. */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    public static final String MESSAGE = "must be lowercase words of a-z and 0-9 joined by single hyphens";
    public static final int MAX = 80;

    private Slugs() {
    }
}
