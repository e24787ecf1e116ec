import { Navigate, Route, Routes } from 'react-router';
import { AdminPage } from './admin/AdminPage.js';
import { AuditPage } from './audit/AuditPage.js';
import { PasswordPage } from './auth/PasswordPage.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { SecondFactorPage } from './auth/SecondFactorPage.js';
import { SignInPage } from './auth/SignInPage.js';
import { SignInRefusedPage } from './auth/SignInRefusedPage.js';
import { InvitesPage } from './lobby/InvitesPage.js';
import { JoinPage } from './lobby/JoinPage.js';
import { LobbyPage } from './lobby/LobbyPage.js';
import { MeetingListPage } from './meetings/MeetingListPage.js';
import { MeetingRoomPage } from './meetings/MeetingRoomPage.js';

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/password" element={<PasswordPage />} />
      <Route path="/signin/refused" element={<SignInRefusedPage />} />
      <Route path="/join/:token" element={<JoinPage />} />
      <Route path="/lobby" element={<LobbyPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/" element={<MeetingListPage />} />
        <Route path="/meetings/:id" element={<MeetingRoomPage />} />
        <Route path="/meetings/:id/invites" element={<InvitesPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/admin" element={<AdminPage />} />
        <Route path="/second-factor" element={<SecondFactorPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
