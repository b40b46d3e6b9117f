// Entry point: the design tokens and the app shell; everything else loads from there.
import './styles/tokens.css';
import './app/sporbar-app.js';
