package dev.meshgen.secret;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds a known text inside base64, wherever it starts: a PEM block in a kubeconfig or a Secret's
 * data is base64 of "-----BEGIN", but after other bytes it can start at any of 3 byte alignments,
 * each with its own base64 spelling (issue 11: only offset 0 was caught).
 */
final class Base64Marker {
  private Base64Marker() {}

  /** A pattern matching the base64 of {@code marker} at byte offset 0, 1 or 2 of a 3-byte group. */
  static Pattern pattern(String marker) {
    List<String> spellings = new ArrayList<>();
    byte[] payload = marker.getBytes(StandardCharsets.US_ASCII);
    for (int offset = 0; offset < 3; offset++) {
      byte[] bytes = new byte[offset + payload.length + 2];
      System.arraycopy(payload, 0, bytes, offset, payload.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(bytes);
      // Keep only the characters whose 6 bits all come from the marker, not from its neighbours.
      int from = (8 * offset + 5) / 6;
      int to = (8 * offset + 8 * payload.length) / 6;
      spellings.add(Pattern.quote(encoded.substring(from, to)));
    }
    return Pattern.compile(String.join("|", spellings));
  }
}
