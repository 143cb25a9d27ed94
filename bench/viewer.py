"""One viewer's session over Streamlit's own websocket protocol, without a browser.

The session does what the browser client does: it loads the page (which gives it the
balancer's affinity cookie), opens `/_stcore/stream`, sends `rerun_script` BackMsgs with the
state of every widget it has set, and reads ForwardMsgs until the run has finished. It reads
the widgets' ids and the chart's event ids from the elements the server sends. Message
definitions come from the installed streamlit package (streamlit.proto).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from components.keys import K_ACTORS, K_CHART, K_EXPORTS_OPEN, K_YEARS

COOKIE = "TIMELINE_REPLICA"  # deploy/haproxy.cfg.in's affinity cookie
ACTION_TIMEOUT_S = 120
_FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
_EVENT_IDS: dict[str, list[str]] = {}  # the chart's event ids by its message hash, shared by sessions
_COUNT = re.compile(r"\*\*(\d+) / (\d+)\*\* events shown")  # the chart's caption (app.py)


class ActionFailed(Exception):
    """The app answered an action with an error, or not at all."""


@dataclass
class Widget:
    """A widget as the last run drew it: its id and what a viewer can choose."""

    id: str
    kind: str
    options: list[str] = field(default_factory=list)
    bounds: tuple[float, float] | None = None
    fragment_id: str = ""


@dataclass
class Page:
    """What the runs so far drew, as far as a viewer's next action needs it."""

    widgets: dict[str, Widget] = field(default_factory=dict)  # by the widget's key
    event_ids: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # drawn by the last run
    events_in_dataset: int | None = None  # from the chart's caption ("**shown / total** events shown")
    downloads: list[str] = field(default_factory=list)  # the download buttons' file ids (made on a click)
    session_id: str = ""
    finished: int | None = None  # the last run's ScriptFinishedStatus


RECONNECT_ATTEMPTS = 8  # a reconnect's handshakes the balancer may refuse while it finds the dead replica


def widget_key(widget_id: str) -> str | None:
    """The user key of a widget id (`$$ID-<hash>-<key>`), or None for a widget without one."""
    prefix, _, rest = widget_id.partition("-")
    if prefix != "$$ID" or "-" not in rest:
        return None
    return rest.split("-", 1)[1] or None


def read_message(message: ForwardMsg, page: Page) -> None:
    """Update `page` with one ForwardMsg from the server."""
    kind = message.WhichOneof("type")
    if kind == "script_finished":
        page.finished = message.script_finished
    elif kind == "new_session":
        page.session_id = message.new_session.initialize.session_id
    elif kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
        page.errors.append("script compilation error")
    elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        _read_element(message, page)
    elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
        block = message.delta.add_block
        if block.WhichOneof("type") == "expandable" and (key := widget_key(block.expandable.id)):
            page.widgets[key] = Widget(block.expandable.id, "expander", fragment_id=message.delta.fragment_id)


def _read_element(message: ForwardMsg, page: Page) -> None:
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        page.errors.append(f"{element.exception.type}: {element.exception.message}"[:300])
        return
    if kind == "heading":
        page.headings.append(element.heading.body)
        return
    if kind == "download_button":
        page.downloads.append(element.download_button.deferred_file_id or element.download_button.url)
        return
    if kind == "markdown" and (count := _COUNT.search(element.markdown.body)):
        page.events_in_dataset = int(count[2])
        return
    if kind not in ("slider", "multiselect", "selectbox", "plotly_chart"):
        return
    proto = getattr(element, kind)
    key = widget_key(proto.id)
    if key is None:
        return
    widget = Widget(proto.id, kind, fragment_id=message.delta.fragment_id)
    if kind == "slider":
        widget.bounds = (proto.min, proto.max)
    elif kind == "multiselect":
        widget.options = list(proto.options)
    elif kind == "plotly_chart":
        page.event_ids = chart_event_ids(message.hash, proto.spec)
    page.widgets[key] = widget


def chart_event_ids(message_hash: str, spec: str) -> list[str]:
    """The event ids a chart's points carry (customdata[0]), memoised by the message's hash:
    every session with the same filters gets the same figure."""
    if message_hash and message_hash in _EVENT_IDS:
        return _EVENT_IDS[message_hash]
    ids = []
    for trace in json.loads(spec).get("data", []):
        for data in trace.get("customdata") or []:
            first = data[0] if isinstance(data, list) and data else data
            if isinstance(first, str) and first and not first.startswith("position:"):
                ids.append(first)
    ids = list(dict.fromkeys(ids))  # a range's marker and its bar carry the same id
    if message_hash:
        _EVENT_IDS[message_hash] = ids
    return ids


def rerun_message(query_string: str, states: dict[str, WidgetState], fragment_id: str = "") -> bytes:
    """The BackMsg the browser sends to run the script with these widget states."""
    message = BackMsg()
    client = message.rerun_script
    client.query_string = query_string
    client.widget_states.widgets.extend(states.values())
    if fragment_id:
        client.fragment_id = fragment_id
    return message.SerializeToString()


def years_state(widget_id: str, first: int, last: int) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.double_array_value.data.extend([float(first), float(last)])
    return state


def choice_state(widget_id: str, options: list[str]) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(options)
    return state


def click_state(widget_id: str, event_id: str) -> WidgetState:
    """The chart's selection after a click on the marker of `event_id` (what the browser sends)."""
    point = {"curve_number": 0, "point_number": 0, "point_index": 0, "customdata": [event_id]}
    selection = {"selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}}
    return WidgetState(id=widget_id, string_value=json.dumps(selection))


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class ViewerSession:
    """A viewer at `url`: the page, its websocket session and the widget states it has set."""

    def __init__(self, url: str, authorization: str | None = None):
        self.url = url.rstrip("/")
        self.authorization = authorization
        self.cookie: str | None = None  # the balancer's affinity cookie
        self.page = Page()
        self.states: dict[str, WidgetState] = {}
        self.socket = None
        self.reconnects = 0

    @property
    def replica(self) -> str | None:
        return self.cookie.partition("=")[2] if self.cookie else None

    async def open(self) -> None:
        """Load the page and start a new session on it (a new visit, or a reload)."""
        await self.close()
        await asyncio.to_thread(self._load_page)
        self.states = {}
        await self._connect()
        await self._run()

    async def change_years(self, first: int, last: int) -> None:
        widget = self._widget(K_YEARS)
        self.states[widget.id] = years_state(widget.id, first, last)
        await self._run()

    async def pick_actor(self, option: str) -> None:
        widget = self._widget(K_ACTORS)
        self.states[widget.id] = choice_state(widget.id, [option])
        await self._run()

    async def open_event(self, event_id: str) -> None:
        """A click on the event's marker: a rerun of the chart's fragment, as in the browser."""
        widget = self._widget(K_CHART)
        self.states[widget.id] = click_state(widget.id, event_id)
        await self._run(widget.fragment_id)
        if not self.page.headings:  # the detail panel opens with the event's title
            raise ActionFailed(f"the detail of {event_id!r} was not shown")

    async def open_exports(self) -> None:
        """Open the "Export this view" expander: its download buttons' URLs land in page.downloads."""
        widget = self._widget(K_EXPORTS_OPEN)
        self.states[widget.id] = WidgetState(id=widget.id, bool_value=True)
        await self._run(widget.fragment_id)

    async def download_url(self, file_id: str) -> str:
        """The media URL of a download button's file, as a click on the button asks for it."""
        message = BackMsg()
        request = message.backend_operation_request
        request.request_id, request.session_id, request.deferred_file.file_id = file_id, self.page.session_id, file_id
        await self.socket.send(message.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(await asyncio.wait_for(self.socket.recv(), ACTION_TIMEOUT_S))
            response = answer.backend_operation_response
            if answer.WhichOneof("type") == "backend_operation_response" and response.request_id == file_id:
                if response.error_msg:
                    raise ActionFailed(response.error_msg)
                return response.deferred_file.url

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    def _widget(self, key: str) -> Widget:
        if key not in self.page.widgets:
            raise ActionFailed(f"the page shows no widget {key!r}")
        return self.page.widgets[key]

    def _headers(self) -> dict[str, str]:
        headers = {"Authorization": self.authorization} if self.authorization else {}
        return headers | ({"Cookie": self.cookie} if self.cookie else {})

    def _load_page(self) -> None:
        request = urllib.request.Request(self.url + "/", headers=self._headers())
        with urllib.request.urlopen(request, timeout=ACTION_TIMEOUT_S) as response:  # noqa: S310 (our URL)
            response.read()
            self._keep_cookie(response.headers.get_all("Set-Cookie") or [])

    def _keep_cookie(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            pair = header.split(";", 1)[0].strip()
            if pair.startswith(COOKIE + "="):
                self.cookie = pair

    async def _connect(self) -> None:
        ws_url = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        self.socket = await connect(
            ws_url, subprotocols=["streamlit"], additional_headers=self._headers(), max_size=None,
            open_timeout=ACTION_TIMEOUT_S, ping_interval=None,
        )  # fmt: skip
        self._keep_cookie(self.socket.response.headers.get_all("Set-Cookie"))

    async def _reconnect(self) -> None:
        """Open a new connection as the browser's client does: a handshake the balancer answers
        with 502 or 503 (a dead replica not yet marked down) is retried, with a growing pause."""
        for attempt in range(1, RECONNECT_ATTEMPTS + 1):
            try:
                await self._connect()
                return
            except InvalidStatus as exc:
                if exc.response.status_code not in (502, 503) or attempt == RECONNECT_ATTEMPTS:
                    raise
            await asyncio.sleep(0.5 * attempt)  # the client's backoff, not a wait for a condition

    async def _run(self, fragment_id: str = "") -> None:
        """Run the script (or one fragment) with every widget state set so far, and read until the
        run finished. After a lost connection it reconnects through the balancer and runs the
        whole script again with the same states, once, as the browser does: the new session, on
        whichever replica the balancer chose, knows no fragment yet."""
        try:
            try:
                await asyncio.wait_for(
                    self._send_and_read(rerun_message("", self.states, fragment_id)), ACTION_TIMEOUT_S
                )
            except ConnectionClosed:
                self.reconnects += 1
                await self._reconnect()
                await asyncio.wait_for(self._send_and_read(rerun_message("", self.states)), ACTION_TIMEOUT_S)
        except TimeoutError as exc:
            raise ActionFailed(f"no answer in {ACTION_TIMEOUT_S} s") from exc

    async def _send_and_read(self, back_message: bytes) -> None:
        self.page.errors, self.page.headings, self.page.downloads, self.page.finished = [], [], [], None
        await self.socket.send(back_message)
        while self.page.finished is None:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            read_message(message, self.page)
        if self.page.errors or self.page.finished not in _FINISHED:
            raise ActionFailed("; ".join(self.page.errors) or f"run ended with status {self.page.finished}")


async def timed(action) -> float:
    """Seconds an action took."""
    started = time.perf_counter()
    await action
    return time.perf_counter() - started
