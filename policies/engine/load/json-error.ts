/**
 * Finds where JSON text first goes wrong, for error messages only (JSON.parse has already
 * failed). V8 names a position for some errors but only a snippet for others, and a CI user
 * needs a line and column. Iterative, so deeply nested input cannot overflow the stack.
 */
const WS = new Set([' ', '\t', '\n', '\r']);

export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: Array<'{' | '['> = [];
  const skipWs = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const scanScalar = (): boolean => {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  // Each loop reads one value, then the punctuation that follows it.
  for (;;) {
    skipWs();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      skipWs();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          if (text[i] !== '"' || !scanString()) return i;
          skipWs();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!scanString()) return i;
    } else if (!scanScalar()) {
      return i;
    }
    // After a value: close containers or move to the next element.
    for (;;) {
      skipWs();
      if (stack.length === 0) return i < text.length ? i : -1;
      const top = stack[stack.length - 1];
      if (text[i] === ',') {
        i++;
        if (top === '{') {
          skipWs();
          if (text[i] !== '"' || !scanString()) return i;
          skipWs();
          if (text[i] !== ':') return i;
          i++;
        }
        break;
      }
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }
}
