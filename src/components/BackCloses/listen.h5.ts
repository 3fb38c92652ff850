// Loaded by app.tsx so the back listener is added before Taro's router adds its own (./history.h5).
import './history.h5'
