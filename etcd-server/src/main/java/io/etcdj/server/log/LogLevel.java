package io.etcdj.server.log;

import ch.qos.logback.classic.Level;

/**
 * capnslog's log levels, most severe first, as {@code PUT /config/local/log} (SPEC OTH-013) and
 * {@code --debug} (FLG-044) set them for every package at once ({@link GlobalLogLevel}). A
 * member at one level prints the lines of that level and of every more severe one.
 */
public enum LogLevel {
  /** Only the errors a member stops for ({@code C |}, marked {@link CapnslogLevel#CRITICAL}). */
  CRITICAL(Level.ERROR),
  /** Errors ({@code E |}) and up. */
  ERROR(Level.ERROR),
  /** Warnings ({@code W |}) and up. */
  WARNING(Level.WARN),
  /** Notices ({@code N |}, marked {@link CapnslogLevel#NOTICE}) and up. */
  NOTICE(Level.INFO),
  /** Information ({@code I |}) and up: a member's level unless {@code --debug} is given. */
  INFO(Level.INFO),
  /** Debug lines ({@code D |}) and up. */
  DEBUG(Level.DEBUG),
  /** Everything, trace lines ({@code T |}) included. */
  TRACE(Level.TRACE);

  /**
   * The logback level that lets this level's lines through. CRITICAL and NOTICE sit between two
   * of logback's levels: {@link GlobalLogLevel} filters the lines below them by their marker.
   */
  final Level logback;

  LogLevel(Level logback) {
    this.logback = logback;
  }

  /**
   * capnslog's {@code ParseLevel}: a level's name, its initial, or its number ({@code 0} for
   * ERROR up to {@code 5} for TRACE; CRITICAL has none). Upper case only, as capnslog wants it.
   *
   * @return the level, or null for any other spelling
   */
  public static LogLevel parse(String s) {
    return switch (s) {
      case "CRITICAL", "C" -> CRITICAL;
      case "ERROR", "0", "E" -> ERROR;
      case "WARNING", "1", "W" -> WARNING;
      case "NOTICE", "2", "N" -> NOTICE;
      case "INFO", "3", "I" -> INFO;
      case "DEBUG", "4", "D" -> DEBUG;
      case "TRACE", "5", "T" -> TRACE;
      default -> null;
    };
  }
}
