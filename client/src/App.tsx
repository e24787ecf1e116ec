import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.js';
import { SignInPage } from './auth/SignInPage.js';
import { MeetingListPage } from './meetings/MeetingListPage.js';
import { MeetingRoomPage } from './meetings/MeetingRoomPage.js';

export function App() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/" element={<MeetingListPage />} />
        <Route path="/meetings/:id" element={<MeetingRoomPage />} />
      </Route>
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
