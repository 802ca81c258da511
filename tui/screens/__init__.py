"""The app's screens, one per view: chat (the first screen), results, comparison, source viewer, 'too small'.

Modules are imported where they are first needed, so opening the app pays only for the chat screen.
Constructors (the contract between the chat and the other views) take what the conversation hands over,
never the dialogue or the engine: `ResultsScreen(rules.views.ResultsView)`, `CompareScreen(rules.views.
CompareView)`, `SourceScreen(kb, citation)`.
"""
