"""Widget definitions checked against the SDK's models, their JSX, and the email draft."""
from __future__ import annotations

import pytest

from agents_app.offline.widget_examples import example_widget, invalid_example_widget
from agents_app.widgets.email_draft import EmailDraft, email_draft_widget
from agents_app.widgets.jsx import widget_jsx
from agents_app.widgets.validation import WidgetDefinitionError, widget_from_definition


def test_it_accepts_the_example_and_the_email_draft():
    assert widget_from_definition(example_widget()).type == "Card"
    draft = email_draft_widget(EmailDraft(to="a@example.com", subject="Hi", body="Hello"))
    assert widget_from_definition(draft.model_dump()).type == "Card"


@pytest.mark.parametrize(("definition", "message"), [
    ("{not json", "The widget is not valid JSON"),
    ([1, 2], "must be a JSON object"),
    ({"type": "Banner"}, "the root must be one of Basic, Card, ListView, not 'Banner'"),
    (invalid_example_widget(), "widget.children[1] (Text): value: Field required."),
    ({"type": "Card", "children": [{"type": "Sparkle"}]}, "widget.children[0]: unknown component type 'Sparkle'"),
    ({"type": "Card", "children": [{"type": "Badge", "label": "x", "color": "rainbow"}]}, "widget.children[0] (Badge): color:"),
    ({"type": "Card", "children": [{"type": "Row", "children": [{"type": "Row"}] * 201}]}, "too large"),
])
def test_it_rejects_bad_definitions_with_a_readable_reason(definition, message):
    with pytest.raises(WidgetDefinitionError) as error:
        widget_from_definition(definition)
    assert message in str(error.value)


def test_it_writes_equivalent_jsx():
    jsx = widget_jsx({"type": "Card", "size": "sm", "children": [
        {"type": "Text", "value": "Hi \"there\"", "streaming": True},
        {"type": "Button", "label": "Go", "onClickAction": {"type": "go"}},
    ]})
    assert jsx == (
        '<Card size="sm">\n'
        '  <Text value="Hi \\"there\\"" streaming />\n'
        '  <Button label="Go" onClickAction={{"type": "go"}} />\n'
        "</Card>"
    )
