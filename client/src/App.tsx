import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AdminPage } from './admin/AdminPage.js';
import { AuditPage } from './audit/AuditPage.js';
import { PasswordPage } from './auth/PasswordPage.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { SecondFactorPage } from './auth/SecondFactorPage.js';
import { SignInPage } from './auth/SignInPage.js';
import { SignInRefusedPage } from './auth/SignInRefusedPage.js';
import { CasePage } from './cases/CasePage.js';
import { HomePage } from './home/HomePage.js';
import { SearchPage } from './search/SearchPage.js';
import { InvitesPage } from './lobby/InvitesPage.js';
import { JoinPage } from './lobby/JoinPage.js';
import { LobbyPage } from './lobby/LobbyPage.js';
import { MeetingListPage } from './meetings/MeetingListPage.js';
import { MeetingRoomPage } from './meetings/MeetingRoomPage.js';
import { PrivacyPage } from './privacy/PrivacyPage.js';
import { RetentionPage } from './retention/RetentionPage.js';

// Reports carry a chart library nobody needs to sign in or run a meeting: loaded on first visit.
const ReportsPage = lazy(() => import('./reports/ReportsPage.js'));

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/password" element={<PasswordPage />} />
      <Route path="/signin/refused" element={<SignInRefusedPage />} />
      <Route path="/join/:token" element={<JoinPage />} />
      <Route path="/lobby" element={<LobbyPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/" element={<HomePage />} />
        <Route path="/meetings" element={<MeetingListPage />} />
        <Route path="/cases/:id" element={<CasePage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/meetings/:id" element={<MeetingRoomPage />} />
        <Route path="/meetings/:id/invites" element={<InvitesPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/reports" element={<Suspense fallback={<p role="status">Loading reports…</p>}><ReportsPage /></Suspense>} />
        <Route path="/retention" element={<RetentionPage />} />
        <Route path="/privacy" element={<PrivacyPage />} />
        <Route path="/second-factor" element={<SecondFactorPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
