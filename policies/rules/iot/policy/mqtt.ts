/**
 * MQTT topic and topic-filter rules (MQTT 3.1.1 §4.7), as the broker applies them — as opposed
 * to the policy language, where `#` and `+` are plain characters.
 */

/** A valid filter: `#` only as the whole last level, `+` only as a whole level. */
export function isValidMqttFilter(filter: string): boolean {
  if (filter === '') return false;
  const levels = filter.split('/');
  return levels.every((level, i) => (level.includes('#') ? level === '#' && i === levels.length - 1 : !level.includes('+') || level === '+'));
}

/** A valid topic name: non-empty, no wildcard characters. */
export function isValidMqttTopic(topic: string): boolean {
  return topic !== '' && !topic.includes('+') && !topic.includes('#');
}

/** MQTT filter matching (wildcards at the first level do not match `$` topics). */
export function mqttFilterMatches(filter: string, topic: string): boolean {
  if (!isValidMqttFilter(filter) || !isValidMqttTopic(topic)) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  if ((f[0] === '#' || f[0] === '+') && topic.startsWith('$')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}
