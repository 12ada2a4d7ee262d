// Entry point of the web app: mounts <App/> into #root.
import { createRoot } from 'react-dom/client';

import { App } from './App.tsx';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
