"""One Streamlit-free model per screen, and the pieces they share (levels, charts, the slide deck)."""
