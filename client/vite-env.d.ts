// Vite's client types: CSS imports and import.meta.env, for the type check of client code.
/// <reference types="vite/client" />
