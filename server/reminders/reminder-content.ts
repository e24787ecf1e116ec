import { longDate } from '../exports/nz-format.js';

// What a reminder says, in the app and by email alike: counts, the agency and site, a date and a
// link. Never a name, a family reference or an action's text: an email leaves the system, and
// what it is about is read behind sign-in.

export interface Message {
  title: string;
  body: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function digestMessage(agency: string, site: string, counts: { overdue: number; dueToday: number }): Message {
  const parts = [
    ...(counts.overdue > 0 ? [`${plural(counts.overdue, 'action', 'actions')} overdue`] : []),
    ...(counts.dueToday > 0 ? [`${plural(counts.dueToday, 'action', 'actions')} due today`] : []),
  ];
  return {
    title: `Today's actions: ${parts.join(', ')}`,
    body: `${agency} has ${parts.join(' and ')} at ${site}.`,
  };
}

export function assignedMessage(agency: string, site: string, due: string): Message {
  return {
    title: 'A new action for your agency',
    body: `${site}'s SAM assigned ${agency} a new action, due ${longDate(due)}.`,
  };
}

/** The email of a notification: its words and where to read the rest. */
export function emailText(message: Message, url: string): string {
  return `${message.body}\n\nOpen SAM Room to see the details: ${url}\n\nThis is an automatic reminder; please don't reply.\n`;
}
