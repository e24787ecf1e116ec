import { Suspense } from 'react';
import { matchPath, Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.js';
import { SignInPage } from './auth/SignInPage.js';
import { lazyPage, type LazyPage } from './lazyPage.js';

// Sign-in is the first page most people see, so it ships in the entry; every other page is a
// chunk of its own, loaded on first visit (the README's Performance section has the sizes).
const AdminPage = lazyPage(() => import('./admin/AdminPage.js'), 'AdminPage');
const AuditPage = lazyPage(() => import('./audit/AuditPage.js'), 'AuditPage');
const PasswordPage = lazyPage(() => import('./auth/PasswordPage.js'), 'PasswordPage');
const SecondFactorPage = lazyPage(() => import('./auth/SecondFactorPage.js'), 'SecondFactorPage');
const SignInRefusedPage = lazyPage(() => import('./auth/SignInRefusedPage.js'), 'SignInRefusedPage');
const CasePage = lazyPage(() => import('./cases/CasePage.js'), 'CasePage');
const HomePage = lazyPage(() => import('./home/HomePage.js'), 'HomePage');
const SearchPage = lazyPage(() => import('./search/SearchPage.js'), 'SearchPage');
const InvitesPage = lazyPage(() => import('./lobby/InvitesPage.js'), 'InvitesPage');
const JoinPage = lazyPage(() => import('./lobby/JoinPage.js'), 'JoinPage');
const LobbyPage = lazyPage(() => import('./lobby/LobbyPage.js'), 'LobbyPage');
const MeetingListPage = lazyPage(() => import('./meetings/MeetingListPage.js'), 'MeetingListPage');
const MeetingRoomPage = lazyPage(() => import('./meetings/MeetingRoomPage.js'), 'MeetingRoomPage');
const PrivacyPage = lazyPage(() => import('./privacy/PrivacyPage.js'), 'PrivacyPage');
const ReportsPage = lazyPage(() => import('./reports/ReportsPage.js'), 'default');
const RetentionPage = lazyPage(() => import('./retention/RetentionPage.js'), 'RetentionPage');

// The pages a person lands on by a link or a reload: their code starts downloading at once,
// beside the session check, rather than after it (a meeting's first paint waited on both in turn).
const LANDING: Array<[path: string, page: LazyPage]> = [
  ['/', HomePage], ['/meetings', MeetingListPage], ['/meetings/:id', MeetingRoomPage], ['/cases/:id', CasePage], ['/join/:token', JoinPage], ['/lobby', LobbyPage],
];

export function preloadLandingPage(pathname: string): void {
  LANDING.find(([path]) => matchPath(path, pathname))?.[1].preload();
}

export function App() {
  return (
    <Suspense fallback={<p role="status" className="page">Loading…</p>}>
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
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/retention" element={<RetentionPage />} />
          <Route path="/privacy" element={<PrivacyPage />} />
          <Route path="/second-factor" element={<SecondFactorPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Suspense>
  );
}
