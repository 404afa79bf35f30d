"""Keyboard help drawn over the terminal viewer when the user presses "?"."""

HELP = """\
╔════════════════════════════════════════════════════════════════════════════╗
║                              Particle Viewer                               ║
╟────────────────────────────────────────────────────────────────────────────╢
║     Space       Pause                                                      ║
║     Right       Step                                                       ║
║     R           Reset                                                      ║
║     G           Grid                                                       ║
║     H           Hash                                                       ║
║     +           Faster                                                     ║
║     -           Slower                                                     ║
║     S           Snapshot                                                   ║
║     Q           Quit                                                       ║
╚════════════════════════════════════════════════════════════════════════════╝
"""
