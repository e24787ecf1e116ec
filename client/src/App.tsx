import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AuditPage } from './audit/AuditPage.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { SignInPage } from './auth/SignInPage.js';
import { InvitesPage } from './lobby/InvitesPage.js';
import { JoinPage } from './lobby/JoinPage.js';
import { LobbyPage } from './lobby/LobbyPage.js';
import { MeetingListPage } from './meetings/MeetingListPage.js';
import { MeetingRoomPage } from './meetings/MeetingRoomPage.js';

// Reports carry a chart library nobody needs to sign in or run a meeting: loaded on first visit.
const ReportsPage = lazy(() => import('./reports/ReportsPage.js'));

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/join/:token" element={<JoinPage />} />
      <Route path="/lobby" element={<LobbyPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/" element={<MeetingListPage />} />
        <Route path="/meetings/:id" element={<MeetingRoomPage />} />
        <Route path="/meetings/:id/invites" element={<InvitesPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/reports" element={<Suspense fallback={<p role="status">Loading reports…</p>}><ReportsPage /></Suspense>} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
