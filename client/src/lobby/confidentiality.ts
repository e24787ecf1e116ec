// The statement everyone acknowledges once per meeting before entering it: invitees when joining by
// link, staff when they first open the meeting room. Plain words; the law it rests on is named so
// people know why the rules are what they are.

export const CONFIDENTIALITY_PARAGRAPHS = [
  'Safety Assessment Meetings share information about families and whānau affected by family violence, so that the agencies present can keep them safe.',
  'Information is shared here under section 20 of the Family Violence Act 2018, which allows agencies to share personal information to help protect a victim from family violence. It may be used only for that purpose.',
  'Do not record the meeting, and do not copy, forward or discuss what you hear with anyone outside it, except as your agency needs to act on a decision made here. Anything you share should be accurate, relevant and no more than is needed.',
  'If you join remotely, make sure nobody else can see or hear the meeting where you are.',
];

export const CONFIDENTIALITY_ACK =
  'I understand that information shared at this meeting is confidential and used only for the safety of the people concerned, under the Family Violence Act 2018 s20, and I will keep it that way.';
