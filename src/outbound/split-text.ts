/**
 * Splits a long text into parts no longer than the channel allows, at paragraph, line, sentence or word breaks
 * (in that order of preference), never inside a word unless a single word is longer than a part.
 */
const BREAKS = ['\n\n', '\n', '। ', '. ', '? ', '! ', ' '];

export function splitText(text: string, maxLength: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const window = rest.slice(0, maxLength);
    let cut = -1;
    for (const separator of BREAKS) {
      const at = window.lastIndexOf(separator);
      // A break in the first third would leave a uselessly short part; look for a weaker break instead.
      if (at > maxLength / 3) {
        cut = at + separator.length;
        break;
      }
    }
    if (cut <= 0) cut = maxLength;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
