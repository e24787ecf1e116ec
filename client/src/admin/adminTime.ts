import { DateTime } from 'luxon';
import { NZ_TIME_ZONE } from '../../../shared/domain.js';

/** A moment in New Zealand time, as the administration pages show it, e.g. "30 Nov, 9:40 am". */
export const formatAdminTime = (iso: string) => DateTime.fromISO(iso, { zone: NZ_TIME_ZONE, locale: 'en-NZ' }).toFormat('d LLL, h:mm a');
